import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { STORE_ENTITIES } from '../entities';
import { InitialSchemaPostgres1763900000000 } from '../migrations/postgres/1763900000000-initial-schema';
import { InitialSchemaSqlite1763900000000 } from '../migrations/sqlite/1763900000000-initial-schema';
import { ReconcileDecisionsPostgres1764000000000 } from '../migrations/postgres/1764000000000-reconcile-decisions';
import { ReconcileDecisionsSqlite1764000000000 } from '../migrations/sqlite/1764000000000-reconcile-decisions';
import { OutboxSnapshotSpan1764100000000 } from '../migrations/common/1764100000000-outbox-snapshot-span';
import { LeanerKeyIndex1764200000000 } from '../migrations/common/1764200000000-leaner-key-index';
import { SyncRunTimings1764300000000 } from '../migrations/common/1764300000000-sync-run-timings';
import { LargeValuesLz4Postgres1764400000000 } from '../migrations/postgres/1764400000000-large-values-lz4';
import { PendingDeleteDiffs1764500000000 } from '../migrations/common/1764500000000-pending-delete-diffs';
import { type StoreOptions } from './store-options';

const SQLITE_MIGRATIONS = [
  InitialSchemaSqlite1763900000000,
  ReconcileDecisionsSqlite1764000000000,
  OutboxSnapshotSpan1764100000000,
  LeanerKeyIndex1764200000000,
  SyncRunTimings1764300000000,
  PendingDeleteDiffs1764500000000,
];
const POSTGRES_MIGRATIONS = [
  InitialSchemaPostgres1763900000000,
  ReconcileDecisionsPostgres1764000000000,
  OutboxSnapshotSpan1764100000000,
  LeanerKeyIndex1764200000000,
  SyncRunTimings1764300000000,
  LargeValuesLz4Postgres1764400000000,
  PendingDeleteDiffs1764500000000,
];

export function createDataSource(options: StoreOptions): DataSource {
  switch (options.type) {
    case 'sqlite':
      if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
      return new DataSource({
        type: 'better-sqlite3',
        database: options.path,
        entities: STORE_ENTITIES,
        migrations: SQLITE_MIGRATIONS,
        migrationsTransactionMode: 'each',
        synchronize: false,
        // WAL keeps readers (status, the service) off the writer's back; NORMAL is durable
        // against a killed process, which is the crash we promise to survive.
        prepareDatabase: (db: { pragma(sql: string): unknown }) => {
          db.pragma('journal_mode = WAL');
          db.pragma('synchronous = NORMAL');
          db.pragma('busy_timeout = 10000');
          // A page's writes run past the default 1,000-page checkpoint: checkpointing every
          // commit cost more than the writes (measured in docs/performance.md, third pass).
          db.pragma('wal_autocheckpoint = 16384');
        },
      });
    case 'postgres':
      return new DataSource({
        type: 'postgres',
        url: options.url,
        entities: STORE_ENTITIES,
        migrations: POSTGRES_MIGRATIONS,
        migrationsTransactionMode: 'each',
        synchronize: false,
        extra: { max: options.poolSize ?? 10, application_name: 'crosswalk' },
      });
  }
}
