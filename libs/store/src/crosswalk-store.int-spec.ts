import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPICS, type OutboxMessage } from '@crosswalk/events';
import { type GoldenRecord, type SourceObservation } from '@crosswalk/model';
import { createPostgresDatabase, type TestDatabase } from '../../../test/infra/postgres';
import { CrosswalkStore } from './crosswalk-store';
import { createDataSource } from './data-source/create-data-source';
import { LeanerKeyIndex1764200000000 } from './migrations/common/1764200000000-leaner-key-index';
import { SyncRunTimings1764300000000 } from './migrations/common/1764300000000-sync-run-timings';
import { LargeValuesLz4Postgres1764400000000 } from './migrations/postgres/1764400000000-large-values-lz4';
import { PendingDeleteDiffs1764500000000 } from './migrations/common/1764500000000-pending-delete-diffs';
import { type StoreOptions } from './data-source/store-options';

const AT = '2026-01-02T03:04:05.000Z';

function observation(externalId: string, email: string): SourceObservation {
  return {
    connector: 'erp',
    object: 'customers',
    externalId,
    facts: { kind: 'person', emails: [email], phones: [], addresses: [], identifiers: [] },
    observedAt: AT,
    deleted: false,
  };
}

function golden(id: string, version = 1): GoldenRecord {
  return {
    id,
    version,
    kind: 'person',
    fullName: `Customer ${id}`,
    emails: [],
    phones: [],
    addresses: [],
    identifiers: [],
    sources: [],
    lineage: {},
    quality: { completeness: 0.5, stale: false, conflicts: [] },
    deleted: false,
    createdAt: AT,
    updatedAt: AT,
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function message(id: string, key: string): OutboxMessage {
  return { id, topic: TOPICS.changes, key, value: JSON.stringify({ id }), headers: { ce_id: id } };
}

type Backend = { name: string; options: () => Promise<StoreOptions>; cleanup: () => Promise<void> };

function sqliteBackend(): Backend {
  let dir = '';
  return {
    name: 'sqlite',
    options: () => {
      dir = mkdtempSync(join(tmpdir(), 'crosswalk-store-'));
      return Promise.resolve({ type: 'sqlite', path: join(dir, 'store.sqlite') });
    },
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

function postgresBackend(): Backend {
  let database: TestDatabase | null = null;
  return {
    name: 'postgres',
    options: async () => {
      database = await createPostgresDatabase('store');
      return { type: 'postgres', url: database.url };
    },
    cleanup: async () => {
      await database?.drop();
    },
  };
}

describe.each([sqliteBackend(), postgresBackend()])('CrosswalkStore on $name', (backend) => {
  let options: StoreOptions;
  let store: CrosswalkStore;

  beforeAll(async () => {
    options = await backend.options();
    store = await CrosswalkStore.open(options);
  });

  afterAll(async () => {
    await store.close();
    await backend.cleanup();
  });

  /** A run of `connector` that has just started. */
  const startRun = (id: string, connector: string, startedAt = AT) =>
    store.read.runs.start({ id, connector, trigger: 'cli', counts: { read: 0 }, startedAt });

  it('applies every migration, and the schema matches the entities', async () => {
    expect(await store.pendingMigrations()).toBe(false);
    if (options.type === 'postgres') {
      // SQLite's migration declares INTEGER for the 64-bit rowid keys, so only PostgreSQL is compared.
      const dataSource = createDataSource(options);
      await dataSource.initialize();
      const drift = await dataSource.driver.createSchemaBuilder().log();
      await dataSource.destroy();
      expect(drift.upQueries.map((query) => query.query)).toEqual([]);
    }
  });

  it('opens an up-to-date store again without re-running migrations', async () => {
    const again = await CrosswalkStore.open(options);
    expect(await again.pendingMigrations()).toBe(false);
    await again.close();
  });

  it('keeps replica rows, links and members together', async () => {
    await store.transaction(async (tx) => {
      await tx.sourceRecords.save([
        {
          observation: observation('1', 'a@x.se'),
          payload: { ID: 1, EXTRA: 'kept' },
          contentHash: 'h1',
          runId: 'r',
          seenAt: AT,
        },
        {
          observation: observation('2', 'b@x.se'),
          payload: { ID: 2 },
          contentHash: 'h2',
          runId: 'r',
          seenAt: AT,
        },
      ]);
      await tx.links.save(
        [
          { key: observation('1', ''), customerId: 'c1', evidence: { rule: 'test' } },
          { key: observation('2', ''), customerId: 'c1', evidence: { rule: 'test' } },
        ],
        AT,
      );
    });
    const states = await store.read.sourceRecords.findStates([
      observation('1', ''),
      observation('3', ''),
    ]);
    expect([...states.entries()]).toEqual([
      ['erp/customers/1', { contentHash: 'h1', deleted: false }],
    ]);

    const members = await store.read.sourceRecords.findMembersOf(['c1']);
    expect(members.map((member) => [member.customerId, member.observation.externalId])).toEqual([
      ['c1', '1'],
      ['c1', '2'],
    ]);
    const [stored] = await store.read.sourceRecords.findRecords([observation('1', '')]);
    expect(stored?.payload).toEqual({ ID: 1, EXTRA: 'kept' });

    await store.transaction((tx) =>
      tx.sourceRecords.save([
        {
          observation: { ...observation('1', 'a@x.se'), deleted: true },
          payload: { ID: 1 },
          contentHash: 'h1b',
          runId: 'r2',
          seenAt: AT,
        },
      ]),
    );
    expect(
      await store.read.sourceRecords.findLiveExternalIds('erp', 'customers', null, 10),
    ).toEqual(['2']);
    expect(await store.read.sourceRecords.countByConnector()).toEqual([
      { connector: 'erp', records: 2, deleted: 1 },
    ]);
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.customers.save([golden('rollback')]);
        await tx.checkpoints.save('erp', { line: 10 }, 'r', AT);
        throw new Error('crash in the middle of a page');
      }),
    ).rejects.toThrow('crash in the middle of a page');
    expect(await store.read.customers.findById('rollback')).toBeNull();
    expect(await store.read.checkpoints.find('erp')).toBeNull();
  });

  it('saves golden records, follows merges and counts them', async () => {
    await store.transaction(async (tx) => {
      await tx.customers.save([golden('a'), golden('b'), golden('c')]);
      await tx.customers.save([golden('a', 2)]);
      await tx.customers.markMerged(
        [
          { id: 'b', mergedInto: 'a' },
          { id: 'c', mergedInto: 'b' },
        ],
        AT,
      );
    });
    expect((await store.read.customers.findById('a'))?.version).toBe(2);
    expect(await store.read.customers.findById('b')).toBeNull();
    expect(await store.read.customers.resolveId('c')).toBe('a');
    expect(
      (await store.read.customers.findByIds(['a', 'b', 'c'])).map((record) => record.id),
    ).toEqual(['a']);
    expect(await store.read.customers.countByState()).toEqual({ live: 1, deleted: 0, merged: 2 });
  });

  it('replaces match keys per customer', async () => {
    await store.transaction((tx) =>
      tx.matchKeys.replace(
        new Map([
          ['a', ['email:a@x.se', 'phone:+46701234567']],
          ['b', ['email:a@x.se']],
        ]),
      ),
    );
    expect([...(await store.read.matchKeys.findCustomerIds(['email:a@x.se']))].sort()).toEqual([
      'a',
      'b',
    ]);
    await store.transaction((tx) => tx.matchKeys.replace(new Map([['b', []]])));
    expect([...(await store.read.matchKeys.findCustomerIds(['email:a@x.se', 'nothing']))]).toEqual([
      'a',
    ]);
  });

  it('writes tens of thousands of rows in one call, within the bind-parameter limits', async () => {
    const keys = new Map([
      ['bulk', Array.from({ length: 40_000 }, (_, index) => `email:${index}@bulk.test`)],
    ]);
    await store.transaction((tx) => tx.matchKeys.replace(keys));
    const found = await store.read.matchKeys.findCustomerIds(keys.get('bulk') ?? []);
    expect([...found]).toEqual(['bulk']);
  });

  it('relays the outbox in sequence order and leaves a failed batch pending', async () => {
    await store.transaction((tx) =>
      tx.outbox.append([message('e1', 'k1'), message('e2', 'k2'), message('e3', 'k1')], AT),
    );
    await expect(store.drain(10, () => Promise.reject(new Error('broker down')))).rejects.toThrow(
      'broker down',
    );
    expect(await store.pendingCount()).toBe(3);

    const seen: string[] = [];
    expect(
      await store.drain(2, (batch) => Promise.resolve(void seen.push(...batch.map((m) => m.id)))),
    ).toBe(2);
    expect(
      await store.drain(10, (batch) => Promise.resolve(void seen.push(...batch.map((m) => m.id)))),
    ).toBe(1);
    expect(seen).toEqual(['e1', 'e2', 'e3']);
    expect(await store.pendingCount()).toBe(0);
  });

  it('refuses the same event id twice', async () => {
    await store.transaction((tx) => tx.outbox.append([message('dup', 'k')], AT));
    await expect(
      store.transaction((tx) => tx.outbox.append([message('dup', 'k')], AT)),
    ).rejects.toThrow();
  });

  it('gives a lease to one owner at a time and takes an expired one over', async () => {
    const leases = store.read.leases;
    expect(await leases.acquire('connector:erp', 'one', AT, '2026-01-02T03:05:00.000Z')).toBe(true);
    expect(await leases.acquire('connector:erp', 'two', AT, '2026-01-02T03:05:00.000Z')).toBe(
      false,
    );
    expect(
      await leases.acquire(
        'connector:erp',
        'two',
        '2026-01-02T03:06:00.000Z',
        '2026-01-02T03:07:00.000Z',
      ),
    ).toBe(true);
    expect(await leases.renew('connector:erp', 'one', '2026-01-02T03:09:00.000Z')).toBe(false);
    await leases.release('connector:erp', 'two');
    expect(await leases.holder('connector:erp')).toBeNull();
  });

  it('records runs and quarantined records', async () => {
    await startRun('run-1', 'erp');
    expect(await store.read.runs.markAbandoned('erp', AT)).toBe(1);
    const [run] = await store.read.runs.findLatest('erp', 1);
    expect(run?.status).toBe('interrupted');
    expect(run?.timings).toBeNull();

    await startRun('run-2', 'erp', '2026-01-02T03:05:00.000Z');
    await store.read.runs.finish('run-2', {
      status: 'succeeded',
      counts: { read: 3 },
      timings: { read: 0.25, store: 1.5, idle: 0.75 },
      error: null,
      at: '2026-01-02T03:06:00.000Z',
    });
    const [finished] = await store.read.runs.findLatest('erp', 1);
    expect(finished).toMatchObject({
      id: 'run-2',
      status: 'succeeded',
      counts: { read: 3 },
      timings: { read: 0.25, store: 1.5, idle: 0.75 },
    });

    await store.transaction((tx) =>
      tx.quarantine.add([
        {
          runId: 'run-1',
          connector: 'erp',
          object: 'customers',
          externalId: '9',
          code: 'INVALID_EMAIL',
          reason: 'bad',
          location: { file: 'a.csv', line: 3 },
          raw: 'x;y',
          createdAt: AT,
        },
      ]),
    );
    const [entry] = await store.read.quarantine.findRecent('erp', 5);
    expect(entry).toMatchObject({
      code: 'INVALID_EMAIL',
      location: { file: 'a.csv', line: 3 },
      raw: 'x;y',
    });
    expect(await store.read.quarantine.countByConnector()).toEqual(new Map([['erp', 1]]));
  });

  // Last: the customer it adds would change the counts above.
  it('migrates to the leaner key index, and back', async () => {
    const personKeys = ['person:email:m1@x.se', 'src:erp/customers/m1'];
    await store.transaction(async (tx) => {
      await tx.links.save(
        [{ key: observation('m1', ''), customerId: 'cm', evidence: { rule: 'test' } }],
        AT,
      );
      await tx.customers.save([{ ...golden('co'), kind: 'organization' }]);
      await tx.matchKeys.replace(
        new Map([
          ['cm', personKeys],
          ['co', ['orgdir:id:vat:SE1', 'orgdir:name:acme']],
        ]),
      );
    });
    const keysOf = async (id: string): Promise<string[]> => {
      const candidates = [
        ...personKeys,
        'orgdir:id:vat:SE1',
        'organization:id:vat:SE1',
        'orgdir:name:acme',
      ];
      const holders = await store.read.matchKeys.findHolders(candidates);
      return [...holders]
        .filter(([, ids]) => ids.includes(id))
        .map(([key]) => key)
        .sort();
    };
    const dataSource = createDataSource(options);
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    const migration = new LeanerKeyIndex1764200000000();
    try {
      await migration.up(runner);
      expect(await keysOf('cm')).toEqual(['person:email:m1@x.se']);
      expect(await keysOf('co')).toEqual(['organization:id:vat:SE1', 'orgdir:name:acme']);
      await migration.down(runner);
      expect(await keysOf('cm')).toEqual(personKeys);
      expect(await keysOf('co')).toEqual([
        'organization:id:vat:SE1',
        'orgdir:id:vat:SE1',
        'orgdir:name:acme',
      ]);
      await migration.up(runner);
    } finally {
      await runner.release();
      await dataSource.destroy();
    }
  });

  it('adds run timings and takes them away again, keeping the runs', async () => {
    await startRun('run-t', 'erp-timings');
    const dataSource = createDataSource(options);
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    const migration = new SyncRunTimings1764300000000();
    const columns = async () =>
      Object.keys(((await runner.query('SELECT * FROM "sync_runs"')) as object[])[0] ?? {}).sort();
    try {
      expect(await columns()).toContain('timings');
      await migration.down(runner);
      expect(await columns()).not.toContain('timings');
      expect(await columns()).toContain('counts');
      await migration.up(runner);
      expect(await columns()).toContain('timings');
    } finally {
      await runner.release();
      await dataSource.destroy();
    }
    const [run] = await store.read.runs.findLatest('erp-timings', 1);
    expect(run).toMatchObject({ id: 'run-t', status: 'running', timings: null });
  });

  it('keeps pending delete diffs with the checkpoint, and the migration goes down and up', async () => {
    await store.transaction(async (tx) => {
      await tx.checkpoints.save('erp-diffs', { position: 3 }, 'run-d', AT);
      await tx.checkpoints.requireDeleteDiffs('erp-diffs', ['contacts', 'accounts']);
      await tx.checkpoints.requireDeleteDiffs('erp-diffs', ['accounts']);
    });
    expect(await store.read.checkpoints.pendingDeleteDiffs('erp-diffs')).toEqual([
      'accounts',
      'contacts',
    ]);
    await store.transaction((tx) => tx.checkpoints.deleteDiffDone('erp-diffs', 'accounts'));
    expect(await store.read.checkpoints.pendingDeleteDiffs('erp-diffs')).toEqual(['contacts']);

    const dataSource = createDataSource(options);
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    const migration = new PendingDeleteDiffs1764500000000();
    const columns = async () =>
      Object.keys(((await runner.query('SELECT * FROM "checkpoints"')) as object[])[0] ?? {});
    try {
      await migration.down(runner);
      expect(await columns()).not.toContain('pending_delete_diffs');
      await migration.up(runner);
      expect(await columns()).toContain('pending_delete_diffs');
    } finally {
      await runner.release();
      await dataSource.destroy();
    }
    expect(await store.read.checkpoints.find('erp-diffs')).toEqual({ position: 3 });
    expect(await store.read.checkpoints.pendingDeleteDiffs('erp-diffs')).toEqual([]);
  });

  it('keeps transactions that overlap in time apart: one failing takes nothing of the other', async () => {
    // A page's transaction and the relay's, or two connectors' pages, overlap in one process.
    let otherWrote!: () => void;
    const otherHasWritten = new Promise<void>((resolve) => (otherWrote = resolve));
    const failing = store.transaction(async (tx) => {
      await tx.customers.save([golden('overlap-failed')]);
      // Where transactions take turns, the other has not started: the wait ends by itself.
      await Promise.race([otherHasWritten, pause(200)]);
      throw new Error('crash in the middle of a page');
    });
    const other = store.transaction(async (tx) => {
      await tx.customers.save([golden('overlap-kept')]);
      otherWrote();
      await failing.catch(() => undefined);
    });

    await expect(failing).rejects.toThrow('crash in the middle of a page');
    await other;
    expect(await store.read.customers.findById('overlap-failed')).toBeNull();
    expect((await store.read.customers.findById('overlap-kept'))?.id).toBe('overlap-kept');
  });

  it('commits a page while the relay waits on the sink', async () => {
    while ((await store.drain(100, () => Promise.resolve())) > 0);
    await store.transaction((tx) => tx.outbox.append([message('while-relaying', 'k')], AT));
    let sinkMayAnswer!: () => void;
    const sinkAnswers = new Promise<void>((resolve) => (sinkMayAnswer = resolve));
    const relaying = store.drain(10, () => sinkAnswers);
    const page = store.transaction((tx) => tx.customers.save([golden('while-relaying')]));
    sinkMayAnswer();

    await expect(page).resolves.toBeUndefined();
    await expect(relaying).resolves.toBe(1);
    expect((await store.read.customers.findById('while-relaying'))?.id).toBe('while-relaying');
    expect(await store.pendingCount()).toBe(0);
  });

  it('relays a row whose transaction commits after a later-started one', async () => {
    while ((await store.drain(100, () => Promise.resolve())) > 0);
    const relayed: string[] = [];
    const relay = () =>
      store.drain(100, (batch) => Promise.resolve(void relayed.push(...batch.map((m) => m.id))));
    let appended!: () => void;
    const firstAppended = new Promise<void>((resolve) => (appended = resolve));
    let mayCommit!: () => void;
    const commitGate = new Promise<void>((resolve) => (mayCommit = resolve));

    const first = store.transaction(async (tx) => {
      await tx.outbox.append([message('committed-late', 'k1')], AT);
      appended();
      await commitGate;
    });
    await firstAppended;
    const second = store.transaction((tx) =>
      tx.outbox.append([message('started-later', 'k2')], AT),
    );
    // The relay runs while the first is still open; the second waits for it to commit.
    await pause(100);
    const early = relay();
    await pause(100);
    mayCommit();
    await Promise.all([first, second, early]);
    while ((await relay()) > 0);

    expect(relayed).toEqual(['committed-late', 'started-later']);
  });
});

/** The lz4 migration is PostgreSQL's alone (SQLite's migrations do not have it). */
describe('CrosswalkStore on postgres: large values', () => {
  const backend = postgresBackend();
  let options: StoreOptions;
  let store: CrosswalkStore;

  beforeAll(async () => {
    options = await backend.options();
    store = await CrosswalkStore.open(options);
  });

  afterAll(async () => {
    await store.close();
    await backend.cleanup();
  });

  it('compresses event values and golden records with lz4 on PostgreSQL, and can go back', async () => {
    const big = golden('large-value');
    big.fullName = Array.from({ length: 400 }, (_, i) => `name ${i}`).join(' ');
    await store.transaction(async (tx) => {
      await tx.customers.save([big]);
      await tx.outbox.append(
        [{ ...message('large-value', 'k'), value: JSON.stringify({ data: big }) }],
        AT,
      );
    });
    const dataSource = createDataSource(options);
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    const methods = async () =>
      (await runner.query(
        `SELECT (SELECT pg_column_compression(value) FROM outbox WHERE event_id = 'large-value') AS outbox,
                (SELECT pg_column_compression(record) FROM customers WHERE id = 'large-value') AS customers,
                (SELECT string_agg(attname || '=' || attcompression::text, ',' ORDER BY attname) FROM pg_attribute
                  WHERE attrelid IN ('outbox'::regclass, 'customers'::regclass)
                    AND attname IN ('value', 'record')) AS columns`,
      )) as { outbox: string; customers: string; columns: string }[];
    const migration = new LargeValuesLz4Postgres1764400000000();
    try {
      expect(await methods()).toEqual([
        { outbox: 'lz4', customers: 'lz4', columns: 'record=l,value=l' },
      ]);
      await migration.down(runner);
      expect((await methods())[0]?.columns).toBe('record=,value=');
      await migration.up(runner);
      expect((await methods())[0]?.columns).toBe('record=l,value=l');
    } finally {
      await runner.release();
      await dataSource.destroy();
    }
    expect((await store.read.customers.findById('large-value'))?.fullName).toBe(big.fullName);
  });
});

describe('CrosswalkStore on SQLite beside another process', () => {
  let dir: string;
  let path: string;
  let store: CrosswalkStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crosswalk-store-'));
    path = join(dir, 'store.sqlite');
    store = await CrosswalkStore.open({ type: 'sqlite', path });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Another process (the service beside the CLI) holding SQLite's write lock for a while. */
  const otherProcessWriting = async (holdMs: number) => {
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(process.argv[1]);
      db.pragma('busy_timeout = 10000');
      db.exec('BEGIN IMMEDIATE');
      db.exec("CREATE TABLE IF NOT EXISTS other_process (at TEXT)");
      db.prepare('INSERT INTO other_process (at) VALUES (?)').run(new Date().toISOString());
      process.stdout.write('holding\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});
    `;
    const child = spawn(process.execPath, ['-e', script, path], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    await once(child.stdout, 'data');
    // In an object: an async function returning the promise itself would wait for the exit.
    return { exited };
  };

  it('waits for the other process to commit instead of failing on what it read before', async () => {
    const { exited } = await otherProcessWriting(300);
    // Reads first, writes later, as a page does: the other process commits in between.
    await store.transaction(async (tx) => {
      await tx.customers.findById('beside-another-process');
      await tx.customers.save([golden('beside-another-process')]);
    });
    expect(await exited).toEqual([0, null]);
    expect((await store.read.customers.findById('beside-another-process'))?.id).toBe(
      'beside-another-process',
    );
  });
});
