import { IsNotEmpty, IsObject, IsOptional, IsString, Matches } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { ConfigBoolean, ConfigInt, IsCronExpression } from './config-property.decorators';

/** One entry of `connectors:`. `options` is checked against the connector type's own class. */
@JSONSchema({ additionalProperties: false })
export class ConnectorEntryDto {
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/, {
    message: 'name must be 1-63 lower-case letters, digits, - or _, not starting with - or _',
  })
  name!: string;

  @IsString()
  @IsNotEmpty()
  type!: string;

  /** Cron for incremental syncs by the service; without it the connector runs on demand only. */
  @IsOptional()
  @IsCronExpression()
  schedule?: string;

  /**
   * Records per page, one transaction each. 1000 keeps a page's statements within the
   * databases' bind-parameter limits and a page read ahead small (docs/performance.md).
   */
  @IsOptional()
  @ConfigInt(1, 100_000)
  pageSize: number = 1000;

  @IsOptional()
  @ConfigBoolean()
  enabled: boolean = true;

  /** Mapping YAML file, relative to the config file. */
  @IsString()
  @IsNotEmpty()
  mapping!: string;

  @IsOptional()
  @IsObject()
  options: Record<string, unknown> = {};
}
