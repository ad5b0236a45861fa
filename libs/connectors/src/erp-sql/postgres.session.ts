import { Client, type CustomTypesConfig, types } from 'pg';
import { type SqlResult, type SqlSession, type SqlValue } from './sql.session';

/** date, timestamp, timestamptz: kept as text so a watermark round-trips to the microsecond. */
const TEXT_TYPE_IDS = new Set([1082, 1114, 1184]);
const TIMESTAMP_TYPE_IDS = new Set([1114, 1184]);
const TYPE_NAMES: Record<number, string> = {
  16: 'boolean',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'text',
  700: 'real',
  701: 'double',
  1043: 'varchar',
  1082: 'date',
  1114: 'timestamp',
  1184: 'timestamptz',
  1700: 'numeric',
  2950: 'uuid',
  3802: 'jsonb',
  114: 'json',
  17: 'bytea',
};

const keepText = (value: string): string => value;

function typeParser(id: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (TEXT_TYPE_IDS.has(id)) return keepText;
  const parser: unknown = types.getTypeParser(id, format);
  return parser as (value: string) => unknown;
}

const textTypes: CustomTypesConfig = { getTypeParser: typeParser };

export class PostgresSession implements SqlSession {
  readonly dialect = 'postgres' as const;

  private constructor(private readonly client: Client) {}

  /** Opens a session that refuses writes from its first statement, with UTC as its zone. */
  static async open(url: string, statementTimeoutSeconds: number): Promise<PostgresSession> {
    const client = new Client({
      connectionString: url,
      options: `-c default_transaction_read_only=on -c TimeZone=UTC -c statement_timeout=${statementTimeoutSeconds * 1000}`,
      types: textTypes,
      connectionTimeoutMillis: 15_000,
    });
    // a dropped connection surfaces on the next query; without a listener it would crash the process
    client.on('error', () => undefined);
    await client.connect();
    return new PostgresSession(client);
  }

  async query(sql: string, params: SqlValue[]): Promise<SqlResult> {
    const result = await this.client.query<Record<string, unknown>>(sql, params);
    return {
      rows: result.rows,
      columns: result.fields.map((field) => ({
        name: field.name,
        type: TYPE_NAMES[field.dataTypeID] ?? `oid:${field.dataTypeID}`,
      })),
      timestampColumns: new Set(
        result.fields.filter((f) => TIMESTAMP_TYPE_IDS.has(f.dataTypeID)).map((f) => f.name),
      ),
    };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
