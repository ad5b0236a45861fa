import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import {
  type OutboxMessage,
  type TopicName,
  publishedMessages,
  snapshotSpanOf,
} from '@crosswalk/events';
import { kafkaBrokers, uniqueTopicPrefix } from '../../../test/infra/kafka';
import { createPostgresDatabase, type TestDatabase } from '../../../test/infra/postgres';
import { type BenchSource, type BenchWorkspaceView } from './bench-source';

export type BenchStore = 'postgres' | 'sqlite';

/** One message as the relay hands it to the sink. */
export interface OutboxRow {
  key: string;
  value: string | null;
  headers: Record<string, string>;
}

export interface RunWindow {
  connector: string;
  startedAt: string;
  finishedAt: string | null;
}

/** A config folder, a drop folder, a fresh store and a topic prefix for one benchmark run. */
export class BenchWorkspace implements BenchWorkspaceView {
  readonly configDir: string;
  readonly dropFolder: string;
  readonly topicPrefix = uniqueTopicPrefix();
  private readonly sqlitePath: string;

  private constructor(
    readonly dir: string,
    readonly store: BenchStore,
    private readonly database: TestDatabase | null,
  ) {
    this.configDir = join(dir, 'config');
    this.dropFolder = join(dir, 'drop');
    this.sqlitePath = join(dir, 'data', 'crosswalk.sqlite');
    mkdirSync(join(this.configDir, 'mappings'), { recursive: true });
    mkdirSync(this.dropFolder, { recursive: true });
  }

  static async create(store: BenchStore): Promise<BenchWorkspace> {
    const dir = mkdtempSync(join(tmpdir(), `crosswalk-bench-${store}-`));
    const database = store === 'postgres' ? await createPostgresDatabase('bench_store') : null;
    return new BenchWorkspace(dir, store, database);
  }

  /** Writes crosswalk.yaml and the mappings; PostgreSQL and Kafka come from the environment. */
  writeConfig(sources: readonly BenchSource[], relayBatchSize: number): void {
    const entries = sources.map((source) => {
      writeFileSync(join(this.configDir, 'mappings', `${source.name}.yaml`), source.mappingYaml);
      return [
        `  - name: ${source.name}`,
        `    type: ${source.type}`,
        `    pageSize: ${source.pageSize}`,
        `    mapping: mappings/${source.name}.yaml`,
        '    options:',
        ...source.options(this).map((line) => `      ${line}`),
      ].join('\n');
    });
    writeFileSync(
      join(this.configDir, 'crosswalk.yaml'),
      `store:
  database: sqlite
  sqlitePath: ../data/crosswalk.sqlite
events:
  sink: file
  fileSinkDir: ../data/events
  relay:
    batchSize: ${relayBatchSize}
  kafka:
    clientId: crosswalk-bench
    topicPrefix: "${this.topicPrefix}"
    partitions: 3
normalisation:
  defaultRegion: SE
reconcile:
  sourcePriority: [${sources.map((source) => source.name).join(', ')}]
connectors:
${entries.join('\n')}
`,
    );
  }

  /** The CLI's environment: DATABASE_URL switches the store to PostgreSQL, KAFKA_BROKERS the sink to Kafka. */
  env(sources: readonly BenchSource[]): Record<string, string> {
    return {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      ...(this.database === null ? {} : { DATABASE_URL: this.database.url }),
      ...Object.assign({}, ...sources.map((source) => source.env())),
    } as Record<string, string>;
  }

  /** The PostgreSQL store's address; null for SQLite. */
  get databaseUrl(): string | null {
    return this.database?.url ?? null;
  }

  /** When each connector run of the store started and finished, oldest first. */
  async runWindows(): Promise<RunWindow[]> {
    const sql =
      'SELECT connector, started_at AS "startedAt", finished_at AS "finishedAt" FROM sync_runs ORDER BY started_at';
    return this.query<RunWindow>(sql);
  }

  /** The messages of outbox rows in sequence order, `limit` rows at a time after `afterSequence`. */
  async outboxPage(
    afterSequence: number,
    limit: number,
  ): Promise<{ rows: OutboxRow[]; last: number }> {
    const rows = await this.query<{
      sequence: string | number;
      id: string;
      topic: TopicName;
      key: string;
      value: string | null;
      headers: string;
      dataStart: number | null;
      dataEnd: number | null;
    }>(
      `SELECT sequence, event_id AS id, topic, message_key AS key, value, headers, snapshot_data_start AS "dataStart", snapshot_data_end AS "dataEnd" FROM outbox WHERE sequence > ${Number(afterSequence)} ORDER BY sequence LIMIT ${Number(limit)}`,
    );
    // The messages the relay publishes for these rows (a change event row carries its snapshot).
    const messages: OutboxMessage[] = rows.map((row) => ({
      id: row.id,
      topic: row.topic,
      key: row.key,
      value: row.value,
      headers: JSON.parse(row.headers) as Record<string, string>,
      ...snapshotSpanOf(row.dataStart, row.dataEnd),
    }));
    return {
      rows: publishedMessages(messages).map(({ key, value, headers }) => ({ key, value, headers })),
      last: rows.length === 0 ? afterSequence : Number(rows[rows.length - 1]?.sequence),
    };
  }

  async cleanup(): Promise<void> {
    await this.database?.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async query<T>(sql: string): Promise<T[]> {
    if (this.database === null) {
      const db = new Database(this.sqlitePath, { readonly: true });
      try {
        return db.prepare(sql).all() as T[];
      } finally {
        db.close();
      }
    }
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }
}
