import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import { type DataSource, type EntityManager } from 'typeorm';
import { StoreErrorCode, StoreException } from '../store.exception';
import { type CopyType, CopyValueError, encodeBinaryCopy } from './binary-copy';
import { type SqlValue } from './sql-statements';
import { type ConflictClause, conflictSql, quote } from './sql-text';

/** The part of a pg client that takes a COPY stream. */
interface CopyClient {
  query(stream: CopyStreamQuery): CopyStreamQuery;
}

const COPY_TYPES: Record<string, CopyType> = {
  'character varying': 'text',
  text: 'text',
  integer: 'int4',
  bigint: 'int8',
  'double precision': 'float8',
  boolean: 'bool',
};

/** Column types per table and column, read from the entities once per data source. */
const columnTypeCache = new WeakMap<DataSource, Map<string, Map<string, CopyType>>>();

/**
 * Writes many rows with COPY in the binary format. PostgreSQL parses and plans a multi-row
 * INSERT of thousands of parameters for every page; COPY takes the rows as a stream (measured
 * on a 2,000-row outbox page: 73 ms as an INSERT, 33 ms as COPY). Upserts are copied into a
 * temporary table of the transaction and merged from there with one INSERT ... SELECT.
 */
export class PostgresCopy {
  constructor(private readonly manager: EntityManager) {}

  /** The COPY type of each column, or undefined when one of them has none COPY writes. */
  typesOf(table: string, columns: readonly string[]): CopyType[] | undefined {
    const types = this.tableTypes(table);
    const copyTypes: CopyType[] = [];
    for (const column of columns) {
      const type = types?.get(column);
      if (type === undefined) return undefined;
      copyTypes.push(type);
    }
    return copyTypes;
  }

  /**
   * Upserts need a transaction: the staging table empties at every commit, which outside a
   * transaction would fall between the COPY and the merge.
   */
  get inTransaction(): boolean {
    return this.manager.queryRunner?.isTransactionActive === true;
  }

  /** Writes `rows`; `types` are the columns' types, from `typesOf`. */
  async insert(
    table: string,
    columns: readonly string[],
    types: readonly CopyType[],
    rows: readonly (readonly SqlValue[])[],
    conflict?: ConflictClause,
  ): Promise<void> {
    const data = encode(table, columns, types, rows);
    const list = columns.map(quote).join(', ');
    await this.withClient(async (client, execute) => {
      if (!conflict) {
        await copyInto(client, `COPY ${quote(table)} (${list}) FROM STDIN (FORMAT binary)`, data);
        return;
      }
      const stage = quote(`crosswalk_stage_${table}`);
      // Created once per session; IF NOT EXISTS also covers a creation rolled back with its
      // transaction. No constraints: the target table checks the rows as they are merged.
      await execute(
        `CREATE TEMPORARY TABLE IF NOT EXISTS ${stage} ON COMMIT DELETE ROWS AS SELECT * FROM ${quote(
          table,
        )} WITH NO DATA`,
      );
      await copyInto(client, `COPY ${stage} (${list}) FROM STDIN (FORMAT binary)`, data);
      // Emptied as it is merged: a second upsert into the table in this transaction starts
      // from an empty stage.
      await execute(
        `WITH staged AS (DELETE FROM ${stage} RETURNING ${list}) INSERT INTO ${quote(
          table,
        )} (${list}) SELECT ${list} FROM staged${conflictSql(conflict)}`,
      );
    });
  }

  private tableTypes(table: string): Map<string, CopyType> | undefined {
    const dataSource = this.manager.connection;
    let tables = columnTypeCache.get(dataSource);
    if (!tables) {
      tables = new Map();
      for (const entity of dataSource.entityMetadatas) {
        const types = new Map<string, CopyType>();
        for (const column of entity.columns) {
          const type = COPY_TYPES[dataSource.driver.normalizeType(column)];
          if (type) types.set(column.databaseName, type);
        }
        tables.set(entity.tableName, types);
      }
      columnTypeCache.set(dataSource, tables);
    }
    return tables.get(table);
  }

  /** The transaction's connection, or one of the pool's for this call. */
  private async withClient(
    work: (client: CopyClient, execute: (sql: string) => Promise<void>) => Promise<void>,
  ): Promise<void> {
    const own = this.manager.queryRunner ? null : this.manager.connection.createQueryRunner();
    const runner = this.manager.queryRunner ?? own!;
    try {
      const client = (await runner.connect()) as CopyClient;
      await work(client, async (sql) => {
        await runner.query(sql);
      });
    } finally {
      await own?.release();
    }
  }
}

function encode(
  table: string,
  columns: readonly string[],
  types: readonly CopyType[],
  rows: readonly (readonly SqlValue[])[],
): Buffer {
  try {
    return encodeBinaryCopy(types, rows);
  } catch (error) {
    if (!(error instanceof CopyValueError)) throw error;
    const column = `${table}.${columns[error.column] ?? '?'}`;
    throw new StoreException(
      StoreErrorCode.InvalidColumnValue,
      `${column} (row ${error.row + 1} of ${rows.length}): ${error.message}`,
      { table, column: columns[error.column], row: error.row + 1 },
    );
  }
}

async function copyInto(client: CopyClient, sql: string, data: Buffer): Promise<void> {
  await pipeline(Readable.from([data]), client.query(copyFrom(sql)));
}
