import { CANONICAL_FIELDS } from '@crosswalk/model';
import { survivorshipRulesFor } from '@crosswalk/reconcile';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsISO31661Alpha2,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { ConfigInt, SecretReference } from './config-property.decorators';
import { ConnectorEntryDto } from './connector-entry.dto';
import { EventsConfigDto } from './events-config.dto';
import { StoreConfigDto } from './store-config.dto';

@JSONSchema({ additionalProperties: false })
export class NormalisationConfigDto {
  /** ISO 3166-1 alpha-2 region for phone numbers written without a country code. */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toUpperCase() : value,
  )
  @IsISO31661Alpha2()
  @JSONSchema({ pattern: '^[A-Za-z]{2}$' })
  defaultRegion!: string;
}

@JSONSchema({ additionalProperties: false })
export class ReconcileConfigDto {
  /** Connector names, most trusted first; unlisted connectors rank after all listed ones. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  sourcePriority: string[] = [];

  @IsOptional()
  @ConfigInt(1, 36_500)
  staleAfterDays: number = 365;

  /**
   * Survivorship rule per canonical field: a rule name, or `{ rule: NAME }`. Fields left out
   * keep the default (union for lists, source-priority otherwise). The loader checks each
   * field and rule.
   */
  @IsOptional()
  @IsObject()
  @JSONSchema(survivorshipJsonSchema)
  survivorship: Record<string, unknown> = {};
}

/** Per field, exactly the rules it takes, so editors flag a rule that does not fit. */
function survivorshipJsonSchema(): Record<string, unknown> {
  const properties = Object.fromEntries(
    CANONICAL_FIELDS.map((field) => {
      const rule = { enum: [...survivorshipRulesFor(field)] };
      return [
        field,
        {
          anyOf: [
            rule,
            {
              type: 'object',
              properties: { rule },
              required: ['rule'],
              additionalProperties: false,
            },
          ],
        },
      ];
    }),
  );
  return { type: 'object', properties, additionalProperties: false };
}

@JSONSchema({ additionalProperties: false })
export class HttpConfigDto {
  @IsOptional()
  @ConfigInt(1, 65_535)
  port: number = 3000;

  /** Bearer token of the admin API. */
  @IsOptional()
  @SecretReference()
  adminToken?: string;
}

/** The whole of `crosswalk.yaml`. */
@JSONSchema({ additionalProperties: false, title: 'Crosswalk configuration' })
export class CrosswalkConfigDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => StoreConfigDto)
  store: StoreConfigDto = new StoreConfigDto();

  @IsOptional()
  @ValidateNested()
  @Type(() => EventsConfigDto)
  events: EventsConfigDto = new EventsConfigDto();

  @IsDefined({ message: 'normalisation is required (it holds defaultRegion)' })
  @ValidateNested()
  @Type(() => NormalisationConfigDto)
  normalisation!: NormalisationConfigDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => ReconcileConfigDto)
  reconcile: ReconcileConfigDto = new ReconcileConfigDto();

  @IsOptional()
  @ValidateNested()
  @Type(() => HttpConfigDto)
  http: HttpConfigDto = new HttpConfigDto();

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ConnectorEntryDto)
  connectors: ConnectorEntryDto[] = [];
}
