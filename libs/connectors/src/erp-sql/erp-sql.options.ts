// class-transformer's @Type reads decorator metadata
import 'reflect-metadata';
import {
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

export const SQL_DIALECTS = ['postgres', 'mysql', 'sqlite'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** A soft-delete marker value: `true`, `1`, `'Y'`, ... */
export type DeletedValue = string | number | boolean;

/** `options` of a connector of type `erp-sql`. Exactly one of `table` and `query`. */
export class ErpSqlConnectorOptions {
  /**
   * Connection URL; config resolves it from a secret reference before validation. For
   * `sqlite`, the database file: a path or a `file:` URL, relative to the config file's folder.
   */
  @IsString()
  @IsNotEmpty()
  url!: string;

  /** `mysql` also serves MariaDB; `sqlite` reads a database file. */
  @IsIn(SQL_DIALECTS)
  dialect!: SqlDialect;

  /** A table, optionally schema-qualified (`erp.customers`). */
  @ValidateIf((o: ErpSqlConnectorOptions) => o.query === undefined || o.table !== undefined)
  @IsString()
  @IsNotEmpty()
  @ValidateBy({
    name: 'tableOrQuery',
    validator: {
      validate: (_value, args) => (args?.object as ErpSqlConnectorOptions).query === undefined,
      defaultMessage: () => 'set either table or query, not both',
    },
  })
  table?: string;

  /** A SELECT; it is read as a subselect, so it must not end with ORDER BY/LIMIT of its own. */
  @ValidateIf((o: ErpSqlConnectorOptions) => o.table === undefined)
  @IsString()
  @IsNotEmpty()
  query?: string;

  /** Object name the records carry. */
  @IsString()
  @IsNotEmpty()
  object!: string;

  /** The primary key: the external id and the tie-break of the watermark. */
  @IsString()
  @IsNotEmpty()
  idColumn!: string;

  /**
   * A column every change moves forward (an update timestamp or a row version). SQLite
   * compares what is stored: ISO 8601 text in one format and zone, or numbers.
   */
  @IsString()
  @IsNotEmpty()
  watermarkColumn!: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  softDeleteColumn?: string;

  /**
   * Values of `softDeleteColumn` that mean deleted (compared as lower-case text). Without
   * them, any value but NULL, false, 0 and '' means deleted (a `deleted_at` column).
   */
  @IsOptional()
  @IsArray()
  @ValidateBy({
    name: 'deletedValues',
    validator: {
      validate: (value) =>
        Array.isArray(value) &&
        value.length > 0 &&
        value.every((v) => ['string', 'number', 'boolean'].includes(typeof v)),
      defaultMessage: () =>
        'deletedValues must be a non-empty list of strings, numbers or booleans',
    },
  })
  deletedValues?: DeletedValue[];

  /** Ids per chunk of the full id listing. */
  @IsInt()
  @Min(100)
  @Max(100_000)
  idChunkSize = 10_000;

  /**
   * A statement running longer is cancelled (a temporary failure). SQLite runs statements
   * in-process: there it bounds only the wait for a writer's lock, to at most 5 seconds.
   */
  @IsInt()
  @Min(1)
  statementTimeoutSeconds = 300;
}
