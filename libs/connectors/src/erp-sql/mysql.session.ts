import { type Connection, createConnection, type FieldPacket } from 'mysql2/promise';
import { type SqlResult, type SqlSession, type SqlValue } from './sql.session';

/** mysql2 column type codes. */
const TIMESTAMP_TYPES = new Set([7, 12]);
const TYPE_NAMES: Record<number, string> = {
  1: 'tinyint',
  2: 'smallint',
  3: 'int',
  4: 'float',
  5: 'double',
  7: 'timestamp',
  8: 'bigint',
  10: 'date',
  12: 'datetime',
  15: 'varchar',
  245: 'json',
  246: 'decimal',
  252: 'blob',
  253: 'varchar',
  254: 'char',
};

export class MysqlSession implements SqlSession {
  readonly dialect = 'mysql' as const;

  private constructor(private readonly connection: Connection) {}

  /**
   * Opens a read-only session in UTC. Dates come as text (exact watermarks), big numbers
   * as strings (no precision lost). DATETIME columns are read as UTC.
   */
  static async open(url: string, statementTimeoutSeconds: number): Promise<MysqlSession> {
    const connection = await createConnection({
      uri: url,
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      connectTimeout: 15_000,
    });
    connection.on('error', () => undefined);
    try {
      await connection.query('SET SESSION TRANSACTION READ ONLY');
      await connection.query("SET time_zone = '+00:00'");
      await setStatementTimeout(connection, statementTimeoutSeconds);
    } catch (error) {
      await connection.end().catch(() => undefined);
      throw error;
    }
    return new MysqlSession(connection);
  }

  async query(sql: string, params: SqlValue[]): Promise<SqlResult> {
    const [rows, fields] = await this.connection.execute(sql, params);
    const columns = (fields as FieldPacket[] | undefined) ?? [];
    return {
      rows: rows as Record<string, unknown>[],
      columns: columns.map((field) => ({
        name: field.name,
        type: TYPE_NAMES[field.columnType ?? -1] ?? `type:${field.columnType ?? '?'}`,
      })),
      timestampColumns: new Set(
        columns.filter((f) => TIMESTAMP_TYPES.has(f.columnType ?? -1)).map((f) => f.name),
      ),
    };
  }

  close(): Promise<void> {
    return this.connection.end();
  }
}

/** MariaDB and MySQL name the statement time limit differently. */
async function setStatementTimeout(connection: Connection, seconds: number): Promise<void> {
  const [rows] = await connection.query('SELECT VERSION() AS version');
  const version = (rows as { version?: string }[])[0]?.version ?? '';
  if (version.toLowerCase().includes('mariadb')) {
    await connection.query(`SET SESSION max_statement_time = ${Number(seconds)}`);
  } else {
    await connection.query(`SET SESSION max_execution_time = ${Number(seconds) * 1000}`);
  }
}
