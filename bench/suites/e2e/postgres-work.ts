import { Client } from 'pg';

/**
 * PostgreSQL's own counters over a run: the work the database did, in units that do not move
 * with how fast this shared machine's cores happen to be (CPU seconds do, by up to two times
 * between runs of one build here).
 */
export interface PostgresWork {
  /** WAL written by the server (`pg_stat_wal`: the bench database is all it serves then). */
  walMb: number;
  /** Buffer pages the bench database's statements touched (hit in shared buffers or read). */
  blocksTouched: number;
  /** Of those, pages not in shared buffers (read from the OS). */
  blocksRead: number;
  /** Rows inserted, updated and deleted in the bench database. */
  rowsWritten: number;
  /** The bench database's size at the end of the run. */
  databaseMb: number;
  /** How the server was set up: the same load costs more on a durable server. */
  server: PostgresServerSettings;
}

export interface PostgresServerSettings {
  /** fsync, synchronous_commit and full_page_writes all on: commits survive a crash. */
  durable: boolean;
  synchronousCommit: string;
  sharedBuffersMb: number;
}

interface Counters {
  walBytes: number;
  blocksHit: number;
  blocksRead: number;
  rowsWritten: number;
  databaseBytes: number;
}

const COUNTERS_SQL = `SELECT (SELECT wal_bytes FROM pg_stat_wal)::float8 AS "walBytes",
  blks_hit::float8 AS "blocksHit", blks_read::float8 AS "blocksRead",
  (tup_inserted + tup_updated + tup_deleted)::float8 AS "rowsWritten",
  pg_database_size(current_database())::float8 AS "databaseBytes"
FROM pg_stat_database WHERE datname = current_database()`;

const SETTINGS_SQL = `SELECT name, setting, unit FROM pg_settings
WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'block_size')`;

/** The server settings that decide what a write costs. */
export async function postgresServerSettings(url: string): Promise<PostgresServerSettings> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (await client.query<{ name: string; setting: string }>(SETTINGS_SQL)).rows;
    const setting = (name: string): string => {
      const row = rows.find((candidate) => candidate.name === name);
      if (row === undefined) throw new Error(`pg_settings has no ${name}`);
      return row.setting;
    };
    const synchronousCommit = setting('synchronous_commit');
    // shared_buffers is counted in blocks of block_size bytes.
    const sharedBuffersMb = Math.round(
      (Number(setting('shared_buffers')) * Number(setting('block_size'))) / 1024 / 1024,
    );
    return {
      durable:
        setting('fsync') === 'on' &&
        setting('full_page_writes') === 'on' &&
        synchronousCommit !== 'off',
      synchronousCommit,
      sharedBuffersMb,
    };
  } finally {
    await client.end();
  }
}

/** The counters now. The CLI's sessions have ended by then, which flushes their statistics. */
export async function postgresCounters(url: string): Promise<Counters> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const row = (await client.query<Counters>(COUNTERS_SQL)).rows[0];
    if (row === undefined) throw new Error('pg_stat_database has no row for the bench database');
    return row;
  } finally {
    await client.end();
  }
}

export function postgresWorkBetween(
  before: Counters,
  after: Counters,
  server: PostgresServerSettings,
): PostgresWork {
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  return {
    walMb: mb(after.walBytes - before.walBytes),
    blocksTouched: after.blocksHit + after.blocksRead - before.blocksHit - before.blocksRead,
    blocksRead: after.blocksRead - before.blocksRead,
    rowsWritten: after.rowsWritten - before.rowsWritten,
    databaseMb: mb(after.databaseBytes),
    server,
  };
}
