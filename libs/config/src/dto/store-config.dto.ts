import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { OrReference } from './config-property.decorators';

export const STORE_DATABASES = ['sqlite', 'postgres'] as const;
export type StoreDatabase = (typeof STORE_DATABASES)[number];

@JSONSchema({ additionalProperties: false })
export class StoreConfigDto {
  /** `sqlite` is the embedded default; DATABASE_URL in the environment switches to postgres. */
  @IsOptional()
  @IsIn(STORE_DATABASES)
  database: StoreDatabase = 'sqlite';

  /** Relative to the config file. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  sqlitePath: string = '../data/crosswalk.sqlite';

  @ValidateIf((store: StoreConfigDto) => store.database === 'postgres' || store.url !== undefined)
  @IsString({ message: 'url is required when database is postgres' })
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'url must be a postgres:// URL' })
  @OrReference()
  url?: string;
}
