import { type SqlDialect } from './erp-sql.options';

export type SqlValue = string | number | boolean | null;

export interface SqlResult {
  rows: Record<string, unknown>[];
  columns: { name: string; type: string }[];
  /**
   * Columns holding date-times, returned as the server's text (read with UTC as the zone);
   * on SQLite the columns declared with a date-time type, whose values are as stored.
   */
  timestampColumns: ReadonlySet<string>;
}

/** One read-only database session; failures come out as the driver raised them. */
export interface SqlSession {
  readonly dialect: SqlDialect;
  /** Parameters are bound by the driver, never spliced into the text. */
  query(sql: string, params: SqlValue[]): Promise<SqlResult>;
  close(): Promise<void>;
}

/** Backticks on MySQL/MariaDB, the standard double quotes elsewhere. */
export function quoteIdentifier(dialect: SqlDialect, name: string): string {
  return dialect === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

/** `schema.table` quoted part by part. */
export function quoteQualifiedName(dialect: SqlDialect, name: string): string {
  return name
    .split('.')
    .map((part) => quoteIdentifier(dialect, part))
    .join('.');
}

/** Collects bound parameters and hands out the dialect's placeholders. */
export class SqlParameters {
  readonly values: SqlValue[] = [];

  constructor(private readonly dialect: SqlDialect) {}

  add(value: SqlValue): string {
    this.values.push(value);
    return this.dialect === 'postgres' ? `$${this.values.length}` : '?';
  }
}
