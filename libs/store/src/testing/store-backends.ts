import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase, type TestDatabase } from '../../../../test/infra/postgres';
import { CrosswalkStore } from '../crosswalk-store';
import { type StoreOptions } from '../data-source/store-options';

/** A fresh, migrated store on one database, for integration specs that run on both. */
export interface StoreBackend {
  name: StoreOptions['type'];
  open(): Promise<{ store: CrosswalkStore; options: StoreOptions }>;
  /** Closes the store and removes its database. */
  close(): Promise<void>;
}

export function storeBackends(prefix: string): StoreBackend[] {
  return [sqliteBackend(), postgresBackend(prefix)];
}

function sqliteBackend(): StoreBackend {
  let dir = '';
  let store: CrosswalkStore | null = null;
  return {
    name: 'sqlite',
    open: async () => {
      dir = mkdtempSync(join(tmpdir(), 'crosswalk-store-'));
      const options: StoreOptions = { type: 'sqlite', path: join(dir, 'store.sqlite') };
      store = await CrosswalkStore.open(options);
      return { store, options };
    },
    close: async () => {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(prefix: string): StoreBackend {
  let database: TestDatabase | null = null;
  let store: CrosswalkStore | null = null;
  return {
    name: 'postgres',
    open: async () => {
      database = await createPostgresDatabase(prefix);
      const options: StoreOptions = { type: 'postgres', url: database.url };
      store = await CrosswalkStore.open(options);
      return { store, options };
    },
    close: async () => {
      await store?.close();
      await database?.drop();
    },
  };
}
