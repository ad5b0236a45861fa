import { type EntityManager } from 'typeorm';
import { PostgresCopy } from './postgres-copy';
import { type ConflictClause, conflictSql, quote } from './sql-text';

export type SqlDialect = 'postgres' | 'sqlite';
export type SqlValue = string | number | boolean | null;
/** What a statement binds: a column value, or (PostgreSQL) an array of text. */
export type SqlParameter = SqlValue | readonly string[];

/**
 * Most bind parameters one statement takes: PostgreSQL's protocol allows 65,535 and SQLite
 * (since 3.32) 32,766; a little is left for the parameters a statement adds of its own.
 */
const PARAMETER_LIMIT: Record<SqlDialect, number> = { postgres: 65_000, sqlite: 32_000 };

/**
 * Fewest rows PostgreSQL takes by COPY: an upsert by COPY costs three round trips, a small
 * INSERT one.
 */
const COPY_MIN_ROWS = 32;

/**
 * Plain SQL with positional parameters for the hot paths: a page writes thousands of rows,
 * and building such statements through the query builder costs more than running them.
 * Identifiers come from this library's code, never from input; values are always bound.
 */
export class SqlStatements {
  readonly dialect: SqlDialect;
  private readonly copy: PostgresCopy | null;

  constructor(private readonly manager: EntityManager) {
    this.dialect = manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
    this.copy = this.dialect === 'postgres' ? new PostgresCopy(manager) : null;
  }

  /** Rows of a SELECT (or of a statement with RETURNING). */
  async select<T>(sql: string, parameters: readonly SqlParameter[] = []): Promise<T[]> {
    return this.manager.query<T[]>(sql, this.bind(parameters));
  }

  async execute(sql: string, parameters: readonly SqlParameter[] = []): Promise<void> {
    await this.manager.query(sql, this.bind(parameters));
  }

  /**
   * Writes rows: a multi-row INSERT, cut into statements within the parameter limit, or on
   * PostgreSQL for a page's worth of rows a binary COPY (see PostgresCopy). With `conflict`,
   * a row whose key exists updates `update` (or is skipped when `update` is empty); `when`,
   * a condition on the stored row written with the table's name, limits which rows update.
   */
  async insert(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
    conflict?: ConflictClause,
  ): Promise<void> {
    if (rows.length === 0) return;
    const copy = rows.length >= COPY_MIN_ROWS ? this.copy : null;
    const types = copy?.typesOf(table, columns);
    if (copy && types && (!conflict || copy.inTransaction)) {
      await copy.insert(table, columns, types, rows, conflict);
      return;
    }
    const suffix = conflict ? conflictSql(conflict) : '';
    const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `;
    for (const chunk of this.chunks(rows, columns.length)) {
      const parameters: SqlValue[] = [];
      const tuples: string[] = [];
      for (const row of chunk) {
        tuples.push(this.tuple(parameters.length, row.length));
        for (const value of row) parameters.push(value);
      }
      await this.execute(`${head}${tuples.join(', ')}${suffix}`, parameters);
    }
  }

  /**
   * Runs `build(list)` once per chunk of `values`, where `list` is the placeholder list of
   * that chunk (`$3, $4, ...` or `?, ?, ...`) numbered after `fixed`, and collects the rows.
   */
  async selectIn<T>(
    values: readonly SqlValue[],
    fixed: readonly SqlValue[],
    build: (list: string) => string,
  ): Promise<T[]> {
    const rows: T[] = [];
    if (values.length === 0) return rows;
    for (const chunk of this.chunks(values, 1, fixed.length)) {
      const list = this.list(fixed.length, chunk.length);
      rows.push(...(await this.select<T>(build(list), [...fixed, ...chunk])));
    }
    return rows;
  }

  /**
   * Rows of `table` whose `column` equals one of `values`, read by one index probe per value.
   * On PostgreSQL the values travel as one array and each is probed through a LATERAL
   * subquery (`OFFSET 0` keeps the planner from flattening it): given a long IN list the
   * planner prefers a (parallel) sequential scan of tables such as match_keys, whose cost
   * then grows with the store instead of with the page. SQLite probes an IN list's index.
   */
  async selectByValues<T>(
    table: string,
    column: string,
    columns: readonly string[],
    values: readonly string[],
  ): Promise<T[]> {
    const unique = [...new Set(values)];
    if (unique.length === 0) return [];
    const selected = columns.map(quote).join(', ');
    if (this.dialect === 'sqlite') {
      return this.selectIn<T>(
        unique,
        [],
        (list) => `SELECT ${selected} FROM ${quote(table)} WHERE ${quote(column)} IN (${list})`,
      );
    }
    return this.select<T>(
      `SELECT found.* FROM unnest($1::text[]) AS probe(value) CROSS JOIN LATERAL (SELECT ${selected} FROM ${quote(
        table,
      )} WHERE ${quote(column)} = probe.value OFFSET 0) AS found`,
      [unique],
    );
  }

  /**
   * Deletes the rows of `table` whose `columns` hold one of the tuples in `rows`, in one
   * statement (SQLite: one per parameter-limit's worth) instead of a round trip per row.
   * PostgreSQL gets one text array per column, joined on the table's index the way
   * selectByValues probes it; SQLite a row-value IN list.
   */
  async deleteRows(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly string[])[],
  ): Promise<void> {
    if (rows.length === 0) return;
    if (this.dialect === 'postgres') {
      const arrays = columns.map((_, index) => rows.map((row) => row[index] ?? ''));
      const names = columns.map((_, index) => `v${index}`);
      const unnest = columns.map((_, index) => `${this.placeholder(index)}::text[]`).join(', ');
      const match = columns
        .map((column, index) => `${quote(table)}.${quote(column)} = gone.${names[index]}`)
        .join(' AND ');
      await this.execute(
        `DELETE FROM ${quote(table)} USING unnest(${unnest}) AS gone(${names.join(', ')}) WHERE ${match}`,
        arrays,
      );
      return;
    }
    const target = `(${columns.map(quote).join(', ')})`;
    for (const chunk of this.chunks(rows, columns.length)) {
      const tuples = chunk.map((_, index) => this.tuple(index * columns.length, columns.length));
      await this.execute(
        `DELETE FROM ${quote(table)} WHERE ${target} IN (VALUES ${tuples.join(', ')})`,
        chunk.flat(),
      );
    }
  }

  /** Like selectIn, for statements without rows (DELETE, UPDATE). */
  async executeIn(
    values: readonly SqlValue[],
    fixed: readonly SqlValue[],
    build: (list: string) => string,
  ): Promise<void> {
    if (values.length === 0) return;
    for (const chunk of this.chunks(values, 1, fixed.length)) {
      await this.execute(build(this.list(fixed.length, chunk.length)), [...fixed, ...chunk]);
    }
  }

  /** The placeholder of the parameter at 0-based `index`. */
  placeholder(index: number): string {
    return this.dialect === 'postgres' ? `$${index + 1}` : '?';
  }

  private list(offset: number, count: number): string {
    const parts: string[] = [];
    for (let index = 0; index < count; index += 1) parts.push(this.placeholder(offset + index));
    return parts.join(', ');
  }

  private tuple(offset: number, count: number): string {
    return `(${this.list(offset, count)})`;
  }

  private chunks<T>(rows: readonly T[], perRow: number, reserved = 0): T[][] {
    const size = Math.max(1, Math.floor((PARAMETER_LIMIT[this.dialect] - reserved) / perRow));
    if (rows.length <= size) return [rows as T[]];
    const chunks: T[][] = [];
    for (let start = 0; start < rows.length; start += size) {
      chunks.push(rows.slice(start, start + size));
    }
    return chunks;
  }

  /** SQLite binds no booleans: they are stored as 1 and 0, as the entities declare. */
  private bind(parameters: readonly SqlParameter[]): SqlParameter[] {
    if (this.dialect === 'postgres') return parameters as SqlParameter[];
    return parameters.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
  }
}
