import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Checkpoint,
  ConnectorError,
  ConnectorErrorCode,
  type RawSourceRecord,
  type ReadRequest,
  type SourceConnector,
  type SourcePage,
} from '@crosswalk/connectors';
import { compileMapping } from '@crosswalk/mapping';
import { CrosswalkStore, type StoreOptions } from '@crosswalk/store';
import { parse } from 'yaml';
import { createPostgresDatabase, type TestDatabase } from '../../../../test/infra/postgres';
import { type RecordMapper } from '../page/record-mapper';
import { SyncError, SyncErrorCode } from '../sync-error';
import { type ConnectorRunTarget } from './connector-run';
import { ConnectorSyncService } from './connector-sync.service';
import { DEFAULT_SYNC_SETTINGS } from './sync-settings';

const MAPPING = compileMapping(
  parse(`
objects:
  customers:
    kind: organization
    externalId: ID
    fields:
      legalName: { from: NAME }
      emails: { from: EMAIL }
      identifiers.vat: { from: VAT }
`),
  { file: 'customers.yaml' },
);

const mapper: RecordMapper = {
  map: (object, payload) => {
    const result = MAPPING.apply(object, payload, { defaultRegion: 'SE' });
    return result.ok
      ? { ok: true, facts: result.facts }
      : {
          ok: false,
          problems: result.issues.map((issue) => ({ code: issue.code, message: issue.message })),
        };
  },
};

function row(id: number, email: string, vat = `SE${5560000000 + id}01`): RawSourceRecord {
  return {
    object: 'customers',
    externalId: String(id),
    payload: { ID: String(id), NAME: `Firm ${id} AB`, EMAIL: email, VAT: vat },
    deleted: false,
  };
}

/**
 * A source held in memory: pages of `pageSize` from a position checkpoint, so runs resume
 * exactly as a real connector's would. `failAfterPages` throws a temporary error once.
 */
class ListSource implements SourceConnector {
  readonly name = 'erp';
  readonly type = 'list';
  failAfterPages: number | null = null;
  /** Acknowledging this page (1-based) fails once with a temporary error. */
  failAcknowledgeOf: number | null = null;
  reads = 0;
  /** Reads whose generator has been finished with (run to its end or returned). */
  readsClosed = 0;
  /** Pages handed out, over every read. */
  pagesRead = 0;
  /** Pages handed out when each acknowledge came, in order. */
  readAtAcknowledge: number[] = [];
  /** Reads that started while an earlier read was still open. */
  overlappingReads = 0;
  listExternalIds?: (object: string) => AsyncIterable<string[]>;

  constructor(
    public rows: RawSourceRecord[],
    readonly readAhead = false,
  ) {}

  discover() {
    return Promise.resolve([{ name: 'customers', fields: [{ name: 'ID' }] }]);
  }

  async *read(request: ReadRequest): AsyncIterable<SourcePage> {
    if (this.readsClosed < this.reads) this.overlappingReads += 1;
    this.reads += 1;
    try {
      let position = Number(request.checkpoint?.['position'] ?? 0);
      let served = 0;
      while (position < this.rows.length) {
        request.signal?.throwIfAborted();
        if (this.failAfterPages !== null && served === this.failAfterPages) {
          this.failAfterPages = null;
          throw new ConnectorError(ConnectorErrorCode.Temporary, 'the source hung up', {
            retryAfterMs: 1,
          });
        }
        const records = this.rows.slice(position, position + request.pageSize);
        position += records.length;
        served += 1;
        const checkpoint: Checkpoint = { position };
        const page = await Promise.resolve({ records, rejected: [], checkpoint });
        this.pagesRead += 1;
        yield page;
      }
    } finally {
      this.readsClosed += 1;
    }
  }

  acknowledge(): Promise<void> {
    this.readAtAcknowledge.push(this.pagesRead);
    if (this.readAtAcknowledge.length === this.failAcknowledgeOf) {
      this.failAcknowledgeOf = null;
      return Promise.reject(
        new ConnectorError(ConnectorErrorCode.Temporary, 'the drop folder went away', {
          retryAfterMs: 1,
        }),
      );
    }
    return Promise.resolve();
  }

  close() {
    return Promise.resolve();
  }
}

type Backend = { name: string; open: () => Promise<StoreOptions>; cleanup: () => Promise<void> };

function sqlite(): Backend {
  let dir = '';
  return {
    name: 'sqlite',
    open: () => {
      dir = mkdtempSync(join(tmpdir(), 'crosswalk-sync-'));
      return Promise.resolve({ type: 'sqlite', path: join(dir, 'store.sqlite') });
    },
    cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

function postgres(): Backend {
  let database: TestDatabase | undefined;
  return {
    name: 'postgres',
    open: async () => {
      database = await createPostgresDatabase('sync');
      return { type: 'postgres', url: database.url };
    },
    cleanup: async () => database?.drop(),
  };
}

describe.each([sqlite(), postgres()])('ConnectorSyncService on $name', (backend) => {
  let store: CrosswalkStore;
  let sync: ConnectorSyncService;
  let source: ListSource;
  let target: ConnectorRunTarget;

  beforeEach(async () => {
    store = await CrosswalkStore.open(await backend.open());
    sync = new ConnectorSyncService(store, {
      ...DEFAULT_SYNC_SETTINGS,
      backoffMs: 1,
      policy: { sourcePriority: ['erp'], staleAfterDays: 365 },
      defaultRegion: 'SE',
    });
    source = new ListSource(
      Array.from({ length: 25 }, (_, index) => row(index + 1, `firm${index + 1}@example.se`)),
    );
    target = { name: 'erp', pageSize: 10, connector: source, mapper };
  });

  afterEach(async () => {
    await store.close();
    await backend.cleanup();
  });

  const events = () => store.read.outbox.countPending();

  /** The spec's source with another read: a source that stalls, fails or says more. */
  const withRead = (read: SourceConnector['read']): SourceConnector => ({
    ...source,
    name: 'erp',
    type: 'list',
    discover: () => source.discover(),
    close: () => Promise.resolve(),
    read,
  });

  it('creates a customer per record, one change and one snapshot event each, and a checkpoint', async () => {
    const run = await sync.run(target, { trigger: 'cli' });
    expect(run.counts).toMatchObject({ read: 25, created: 25, unchanged: 0, events: 50 });
    // Every stage of the run is accounted for (how long each took is for the benchmarks).
    expect(Object.keys(run.timings).sort()).toEqual([
      'idle',
      'prepare',
      'read',
      'reconcile',
      'store',
    ]);
    for (const seconds of Object.values(run.timings)) expect(seconds).toBeGreaterThanOrEqual(0);
    expect(await events()).toBe(50);
    expect(await store.read.checkpoints.find('erp')).toEqual({ position: 25 });
    const [latest] = await store.read.runs.findLatest('erp', 1);
    expect(latest).toMatchObject({
      status: 'succeeded',
      counts: expect.objectContaining({ created: 25 }),
      timings: run.timings,
    });
  });

  it('publishes nothing when a re-read finds nothing changed', async () => {
    await sync.run(target, { trigger: 'cli' });
    await store.transaction((tx) => tx.checkpoints.clear('erp'));
    const again = await sync.run(target, { trigger: 'cli' });
    expect(again.counts).toMatchObject({
      read: 25,
      unchanged: 25,
      created: 0,
      updated: 0,
      events: 0,
    });
    expect(await events()).toBe(50);
  });

  it('updates, merges and deletes with a new version each', async () => {
    await sync.run(target, { trigger: 'cli' });
    source.rows = [
      row(1, 'new-address@example.se'),
      // record 3 now shares record 2's VAT id: the two customers merge
      row(3, 'firm3@example.se', `SE${5560000000 + 2}01`),
      { ...row(4, 'firm4@example.se'), deleted: true },
    ];
    await store.transaction((tx) => tx.checkpoints.clear('erp'));
    const run = await sync.run(target, { trigger: 'cli' });
    expect(run.counts).toMatchObject({ read: 3, updated: 1, merged: 1, deleted: 1 });
    const live = await store.read.customers.countByState();
    expect(live).toEqual({ live: 23, deleted: 1, merged: 1 });
  });

  it('applies a deletion the source sends as a bare id to the replica copy', async () => {
    await sync.run(target, { trigger: 'cli' });
    // a purged record: only its id and the deleted flag, nothing a mapping could read
    source.rows = [
      { object: 'customers', externalId: '7', payload: { ID: '7' }, deleted: true },
      { object: 'customers', externalId: '999', payload: { ID: '999' }, deleted: true },
    ];
    await store.transaction((tx) => tx.checkpoints.clear('erp'));
    const run = await sync.run(target, { trigger: 'cli' });
    expect(run.counts).toMatchObject({ read: 2, deleted: 1, quarantined: 0 });
    expect(await store.read.customers.countByState()).toEqual({ live: 24, deleted: 1, merged: 0 });
    const [stored] = await store.read.sourceRecords.findRecords([
      { connector: 'erp', object: 'customers', externalId: '7' },
    ]);
    expect(stored?.observation.deleted).toBe(true);
    expect(stored?.payload).toMatchObject({ NAME: 'Firm 7 AB' });
  });

  it('quarantines a record it cannot map, with the reason and raw record, and takes the rest', async () => {
    source.rows = [row(1, 'ok@example.se'), row(2, 'not-an-address'), row(3, 'fine@example.se')];
    const run = await sync.run(target, { trigger: 'cli' });
    expect(run.counts).toMatchObject({ read: 3, created: 2, quarantined: 1 });
    const [entry] = await store.read.quarantine.findRecent('erp', 5);
    expect(entry).toMatchObject({ externalId: '2', code: 'INVALID_EMAIL' });
    expect(entry?.reason).toContain('not-an-address');
    expect(JSON.parse(entry?.raw ?? '{}')).toMatchObject({ EMAIL: 'not-an-address' });
    // two customers x (change + snapshot) + one dead-letter event
    expect(await events()).toBe(5);

    // Read again as it is (an overlap window, a reset checkpoint): not quarantined twice.
    await store.transaction((tx) => tx.checkpoints.clear('erp'));
    const again = await sync.run(target, { trigger: 'cli' });
    expect(again.counts).toMatchObject({ read: 3, unchanged: 2, quarantined: 1, events: 0 });
    expect(await store.read.quarantine.findRecent('erp', 5)).toHaveLength(1);
    expect(await events()).toBe(5);
  });

  it('retries a temporary source failure from the last committed page', async () => {
    source.failAfterPages = 2;
    const run = await sync.run(target, { trigger: 'cli' });
    expect(source.reads).toBe(2);
    expect(run.counts).toMatchObject({ read: 25, created: 25 });
    expect(await events()).toBe(50);
  });

  it('asks for a page only once the previous one has committed, unless the connector reads ahead', async () => {
    await sync.run(target, { trigger: 'cli' });
    // pages 1 to 3 of 10 records: each acknowledged before the next is read
    expect(source.readAtAcknowledge).toEqual([1, 2, 3]);

    const ahead = new ListSource(source.rows, true);
    await store.transaction((tx) => tx.checkpoints.clear('erp'));
    await sync.run({ ...target, connector: ahead }, { trigger: 'cli' });
    // the next page was read while each one committed, and never more than one ahead
    expect(ahead.readAtAcknowledge).toEqual([2, 3, 3]);
    expect(ahead.readsClosed).toBe(1);
  });

  it.each([
    ['one page at a time', false],
    ['reading ahead', true],
  ])(
    'after a failure past a commit (%s), drops what it read beyond it and resumes from the checkpoint',
    async (_, readAhead) => {
      source = new ListSource(source.rows, readAhead);
      source.failAcknowledgeOf = 2;
      const run = await sync.run({ ...target, connector: source }, { trigger: 'cli' });
      expect(source.reads).toBe(2);
      // the first read was finished with before the second began
      expect(source.overlappingReads).toBe(0);
      expect(source.readsClosed).toBe(2);
      expect(run.counts).toMatchObject({ read: 25, created: 25, unchanged: 0, events: 50 });
      expect(await events()).toBe(50);
      expect(await store.read.checkpoints.find('erp')).toEqual({ position: 25 });
    },
  );

  it('gives up after the configured attempts, leaving what committed', async () => {
    const failing: SourceConnector = withRead(
      // eslint-disable-next-line require-yield
      async function* () {
        await Promise.resolve();
        throw new ConnectorError(ConnectorErrorCode.Temporary, 'still down');
      },
    );
    await expect(sync.run({ ...target, connector: failing }, { trigger: 'cli' })).rejects.toThrow(
      'still down',
    );
    const [latest] = await store.read.runs.findLatest('erp', 1);
    expect(latest).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('still down'),
    });
  });

  it('refuses a second run of the same connector while one holds the lease', async () => {
    const gate: { open?: () => void } = {};
    const slow: SourceConnector = withRead(async function* () {
      await new Promise<void>((resolve) => (gate.open = resolve));
      yield { records: [row(1, 'a@example.se')], rejected: [], checkpoint: { position: 1 } };
    });
    const first = sync.run({ ...target, connector: slow }, { trigger: 'cli' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = sync.run(target, { trigger: 'schedule' });
    await expect(second).rejects.toBeInstanceOf(SyncError);
    await expect(second).rejects.toMatchObject({ code: SyncErrorCode.AlreadyRunning });
    gate.open?.();
    await expect(first).resolves.toMatchObject({ counts: expect.objectContaining({ created: 1 }) });
  });

  it('keeps a full delete diff the source asked for until one has run, across a failed run', async () => {
    // The page that finds the delete log short commits; the run fails on the next read.
    const shortLog: SourceConnector = withRead(async function* () {
      yield {
        records: [row(1, 'a@example.se')],
        rejected: [],
        checkpoint: { position: 1 },
        requiresFullDeleteDiff: ['customers'],
      };
      await Promise.resolve();
      throw new ConnectorError(ConnectorErrorCode.Config, 'the API reserve is spent');
    });
    await expect(sync.run({ ...target, connector: shortLog }, { trigger: 'cli' })).rejects.toThrow(
      'the API reserve is spent',
    );

    // The next run's pages no longer say so; the run still asks for the diff, also after a reset.
    const next = await sync.run(target, { trigger: 'cli' });
    expect(next.requiresFullDeleteDiff).toEqual(['customers']);
    await store.transaction((tx) => tx.checkpoints.clear('erp'));
    expect(await store.read.checkpoints.find('erp')).toBeNull();
    expect((await sync.run(target, { trigger: 'cli' })).requiresFullDeleteDiff).toEqual([
      'customers',
    ]);

    source.listExternalIds = async function* () {
      await Promise.resolve();
      yield Array.from({ length: 25 }, (_, index) => String(index + 1));
    };
    await sync.reconcileDeletes(target, 'customers', { trigger: 'cli' });
    expect((await sync.run(target, { trigger: 'cli' })).requiresFullDeleteDiff).toEqual([]);
  });

  it('commits no page once another process took the run lease', async () => {
    // The run stalled past its lease (a laptop asleep) and the service took the lease over.
    const takenOver: SourceConnector = withRead(async function* () {
      yield { records: [row(1, 'a@example.se')], rejected: [], checkpoint: { position: 1 } };
      const holder = (await store.read.leases.holder('connector:erp')) ?? '';
      const later = new Date(Date.now() + 60_000).toISOString();
      await store.read.leases.takeOver('connector:erp', holder, 'other-host/1/run', later);
      yield { records: [row(2, 'b@example.se')], rejected: [], checkpoint: { position: 2 } };
    });
    const run = sync.run({ ...target, connector: takenOver }, { trigger: 'cli' });
    await expect(run).rejects.toMatchObject({ code: SyncErrorCode.LeaseLost });
    expect(await store.read.checkpoints.find('erp')).toEqual({ position: 1 });
    expect(
      await store.read.sourceRecords.findLiveExternalIds('erp', 'customers', null, 10),
    ).toEqual(['1']);
    expect(await store.read.leases.holder('connector:erp')).toBe('other-host/1/run');
  });

  it('marks replica records the source no longer has as deleted (full id diff)', async () => {
    await sync.run(target, { trigger: 'cli' });
    source.listExternalIds = async function* () {
      await Promise.resolve();
      yield Array.from({ length: 20 }, (_, index) => String(index + 1));
    };
    const run = await sync.reconcileDeletes(target, 'customers', { trigger: 'cli' });
    expect(run.counts).toMatchObject({ deleted: 5 });
    expect(
      await store.read.sourceRecords.findLiveExternalIds('erp', 'customers', null, 100),
    ).toHaveLength(20);
  });
});
