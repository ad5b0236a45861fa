import {
  type ConnectorContext,
  type RawSourceRecord,
  type ReadRequest,
  type RejectedRecord,
  type SourceConnector,
  type SourceObjectDescription,
  type SourcePage,
} from '../port/connector.port';
import { ConnectorError, ConnectorErrorCode, RecordRejectCode } from '../port/connector-error';
import { type ErpSqlCheckpoint, parseErpSqlCheckpoint } from './erp-sql.checkpoint';
import { type ErpSqlConnectorOptions } from './erp-sql.options';
import { MysqlSession } from './mysql.session';
import { PostgresSession } from './postgres.session';
import { classifySqlError } from './sql-error.classifier';
import { SqliteSession } from './sqlite.session';
import { toIsoUtc, toJsonValue } from './sql-value.mapper';
import {
  quoteIdentifier,
  quoteQualifiedName,
  SqlParameters,
  type SqlResult,
  type SqlSession,
  type SqlValue,
} from './sql.session';

export const ERP_SQL_CONNECTOR_TYPE = 'erp-sql';

/**
 * Opens the connector's read-only session for the declared dialect; a relative SQLite file
 * resolves from `baseDir` (the config file's folder).
 */
export function openSqlSession(
  options: ErpSqlConnectorOptions,
  baseDir: string,
): Promise<SqlSession> {
  const { dialect, url, statementTimeoutSeconds } = options;
  switch (dialect) {
    case 'postgres':
      return PostgresSession.open(url, statementTimeoutSeconds);
    case 'mysql':
      return MysqlSession.open(url, statementTimeoutSeconds);
    case 'sqlite':
      return SqliteSession.open(url, baseDir, statementTimeoutSeconds);
  }
}

/**
 * Reads a table or a SELECT incrementally by keyset on (watermark, primary key): rows that
 * share a watermark across a page boundary are neither lost nor read twice.
 */
export class ErpSqlConnector implements SourceConnector {
  readonly type = ERP_SQL_CONNECTOR_TYPE;
  /** The keyset position lives in the read; nothing waits on the commit. */
  readonly readAhead = true;
  readonly name: string;
  private readonly options: ErpSqlConnectorOptions;
  private readonly baseDir: string;
  private session: Promise<SqlSession> | undefined;

  constructor(context: ConnectorContext<ErpSqlConnectorOptions>) {
    this.name = context.name;
    this.options = context.options;
    this.baseDir = context.baseDir;
  }

  async discover(): Promise<SourceObjectDescription[]> {
    const result = await this.run(`SELECT src.* FROM ${this.source()} LIMIT 0`, []);
    return [{ name: this.options.object, fields: result.columns }];
  }

  async *read(request: ReadRequest): AsyncGenerator<SourcePage> {
    // Each run starts with the NULL-watermark rows inserted since the last one read.
    let position = { ...parseErpSqlCheckpoint(request.checkpoint), nullsDone: false };
    const total = await this.countAfter(position);
    let done = 0;
    for (;;) {
      request.signal?.throwIfAborted();
      const result = await this.run(...this.pageQuery(position, request.pageSize));
      const lastRow = result.rows[result.rows.length - 1];
      const full = result.rows.length >= request.pageSize;
      if (lastRow) {
        const id = this.keyOf(lastRow[this.options.idColumn]);
        position = position.nullsDone
          ? {
              ...position,
              watermark: this.keyOf(lastRow[this.options.watermarkColumn]),
              lastId: id,
            }
          : { ...position, nullsAfter: id };
      }
      const nullsEnd = !full && !position.nullsDone;
      // past the last NULL-watermark row, the watermark order goes on from where it stood
      if (nullsEnd) position = { ...position, nullsDone: true };
      if (lastRow) {
        done += result.rows.length;
        yield { ...this.toPage(result), checkpoint: { ...position }, progress: { done, total } };
      }
      if (!full && !nullsEnd) return;
    }
  }

  async *listExternalIds(object: string): AsyncGenerator<string[]> {
    this.assertObject(object);
    const { idColumn, softDeleteColumn, idChunkSize } = this.options;
    const id = this.column(idColumn);
    const flag = softDeleteColumn ? `, ${this.column(softDeleteColumn)} AS cw_deleted` : '';
    let after: string | number | null = null;
    for (;;) {
      const params = new SqlParameters(this.options.dialect);
      const where = after === null ? '' : `WHERE ${id} > ${params.add(after)}`;
      const result = await this.run(
        `SELECT ${id} AS cw_id${flag} FROM ${this.source()} ${where} ORDER BY ${id} LIMIT ${idChunkSize}`,
        params.values,
      );
      const ids = result.rows
        .filter((row) => !(softDeleteColumn && this.isDeletedValue(row['cw_deleted'])))
        .map((row) => row['cw_id'])
        .filter((value) => value !== null && value !== undefined)
        .map(String);
      if (ids.length > 0) yield ids;
      const lastRow = result.rows[result.rows.length - 1];
      if (!lastRow || result.rows.length < idChunkSize) return;
      after = this.keyOf(lastRow['cw_id']);
    }
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (session) await (await session.catch(() => undefined))?.close();
  }

  private pageQuery(position: ErpSqlCheckpoint, pageSize: number): [string, SqlValue[]] {
    if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
      throw new ConnectorError(
        ConnectorErrorCode.Config,
        `page size ${pageSize} is not a positive integer`,
      );
    }
    const params = new SqlParameters(this.options.dialect);
    const where = this.afterCondition(position, params);
    const wm = this.column(this.options.watermarkColumn);
    const id = this.column(this.options.idColumn);
    const order = position.nullsDone ? `${wm}, ${id}` : id;
    return [
      `SELECT src.* FROM ${this.source()} WHERE ${where} ORDER BY ${order} LIMIT ${pageSize}`,
      params.values,
    ];
  }

  /** The rows after a position (NULL-watermark rows first, then watermark order). */
  private afterCondition(position: ErpSqlCheckpoint, params: SqlParameters): string {
    const wm = this.column(this.options.watermarkColumn);
    const id = this.column(this.options.idColumn);
    if (!position.nullsDone) {
      const after =
        position.nullsAfter === null ? '' : ` AND ${id} > ${params.add(position.nullsAfter)}`;
      return `${wm} IS NULL${after}`;
    }
    if (position.watermark === null) return `${wm} IS NOT NULL`;
    const w1 = params.add(position.watermark);
    const w2 = params.add(position.watermark);
    const tie =
      position.lastId === null
        ? ''
        : ` OR (${wm} = ${w2} AND ${id} > ${params.add(position.lastId)})`;
    return `(${wm} > ${w1}${tie})`;
  }

  private async countAfter(position: ErpSqlCheckpoint): Promise<number> {
    const params = new SqlParameters(this.options.dialect);
    let where = this.afterCondition(position, params);
    if (!position.nullsDone) {
      where = `(${where} OR ${this.afterCondition({ ...position, nullsDone: true }, params)})`;
    }
    const result = await this.run(
      `SELECT COUNT(*) AS cw_count FROM ${this.source()} WHERE ${where}`,
      params.values,
    );
    return Number(result.rows[0]?.['cw_count'] ?? 0);
  }

  private toPage(result: SqlResult): Pick<SourcePage, 'records' | 'rejected'> {
    const { object, idColumn, watermarkColumn, softDeleteColumn } = this.options;
    const records: RawSourceRecord[] = [];
    const rejected: RejectedRecord[] = [];
    const location = { table: this.options.table ?? 'query' };
    for (const row of result.rows) {
      const payload: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) {
        payload[key] = toJsonValue(value, result.timestampColumns.has(key));
      }
      const id = this.keyOf(row[idColumn]);
      if (id === null || String(id).trim() === '') {
        rejected.push({
          object,
          code: RecordRejectCode.MissingId,
          reason: `column ${idColumn} is empty`,
          raw: JSON.stringify(payload),
          location,
        });
        continue;
      }
      const watermark = row[watermarkColumn];
      records.push({
        object,
        externalId: String(id),
        payload,
        ...(typeof watermark === 'string' && result.timestampColumns.has(watermarkColumn)
          ? { modifiedAt: toIsoUtc(watermark) }
          : {}),
        deleted: softDeleteColumn ? this.isDeletedValue(row[softDeleteColumn]) : false,
        location,
      });
    }
    return { records, rejected };
  }

  private isDeletedValue(value: unknown): boolean {
    const { deletedValues } = this.options;
    if (deletedValues) {
      const text = String(value).toLowerCase();
      return (
        value !== null &&
        value !== undefined &&
        deletedValues.some((v) => String(v).toLowerCase() === text)
      );
    }
    return !(
      value === null ||
      value === undefined ||
      value === false ||
      value === 0 ||
      value === '0' ||
      value === ''
    );
  }

  /** A key value as the checkpoint keeps it: numbers and strings exactly as the driver gave them. */
  private keyOf(value: unknown): string | number | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number' || typeof value === 'string') return value;
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Date) return value.toISOString();
    if (Buffer.isBuffer(value)) {
      throw new ConnectorError(ConnectorErrorCode.Config, 'binary key columns are not supported');
    }
    return JSON.stringify(value);
  }

  private source(): string {
    const { table, query, dialect } = this.options;
    return table !== undefined
      ? `${quoteQualifiedName(dialect, table)} AS src`
      : `(${query ?? ''}) AS src`;
  }

  private column(name: string): string {
    return `src.${quoteIdentifier(this.options.dialect, name)}`;
  }

  private assertObject(object: string): void {
    if (object !== this.options.object) {
      throw new ConnectorError(
        ConnectorErrorCode.NotFound,
        `erp-sql connector "${this.name}" reads the object "${this.options.object}", not "${object}"`,
      );
    }
  }

  private async run(sql: string, params: SqlValue[]): Promise<SqlResult> {
    try {
      this.session ??= openSqlSession(this.options, this.baseDir);
      const session = await this.session;
      return await session.query(sql, params);
    } catch (error) {
      const classified = classifySqlError(this.name, error);
      if (
        classified.code === ConnectorErrorCode.Temporary ||
        classified.code === ConnectorErrorCode.Auth
      ) {
        // the session may be broken: the next call opens a new one
        await this.close().catch(() => undefined);
      }
      throw classified;
    }
  }
}
