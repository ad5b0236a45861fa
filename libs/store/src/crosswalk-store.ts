import { type OutboxSource, type StoredOutboxMessage } from '@crosswalk/events';
import { type DataSource, type EntityManager } from 'typeorm';
import { createDataSource } from './data-source/create-data-source';
import { type StoreOptions } from './data-source/store-options';
import { CheckpointRepository } from './repositories/checkpoint.repository';
import { CustomerLinkRepository } from './repositories/customer-link.repository';
import { CustomerRepository } from './repositories/customer.repository';
import { FieldOverrideRepository } from './repositories/field-override.repository';
import { LeaseRepository } from './repositories/lease.repository';
import { MatchKeyRepository } from './repositories/match-key.repository';
import { MatchModelRepository } from './repositories/match-model.repository';
import { MatchReviewRepository } from './repositories/match-review.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { PairDecisionRepository } from './repositories/pair-decision.repository';
import { QuarantineRepository } from './repositories/quarantine.repository';
import { SourceRecordRepository } from './repositories/source-record.repository';
import { SyncRunRepository } from './repositories/sync-run.repository';
import { AdvisoryLock, tryLock, waitForLock } from './support/advisory-locks';

/** The repositories of one unit of work: everything in it commits together or not at all. */
export class StoreTransaction {
  readonly sourceRecords: SourceRecordRepository;
  readonly customers: CustomerRepository;
  readonly links: CustomerLinkRepository;
  readonly matchKeys: MatchKeyRepository;
  readonly outbox: OutboxRepository;
  readonly quarantine: QuarantineRepository;
  readonly checkpoints: CheckpointRepository;
  readonly runs: SyncRunRepository;
  readonly leases: LeaseRepository;
  readonly reviews: MatchReviewRepository;
  readonly decisions: PairDecisionRepository;
  readonly overrides: FieldOverrideRepository;
  readonly models: MatchModelRepository;

  constructor(private readonly manager: EntityManager) {
    this.sourceRecords = new SourceRecordRepository(manager);
    this.customers = new CustomerRepository(manager);
    this.links = new CustomerLinkRepository(manager);
    this.matchKeys = new MatchKeyRepository(manager);
    this.outbox = new OutboxRepository(manager);
    this.quarantine = new QuarantineRepository(manager);
    this.checkpoints = new CheckpointRepository(manager);
    this.runs = new SyncRunRepository(manager);
    this.leases = new LeaseRepository(manager);
    this.reviews = new MatchReviewRepository(manager);
    this.decisions = new PairDecisionRepository(manager);
    this.overrides = new FieldOverrideRepository(manager);
    this.models = new MatchModelRepository(manager);
  }

  /**
   * Reconciliation one transaction at a time, across processes and instances, until this one
   * ends: two pages reading the same keys before either commits would each create a customer
   * for one VAT id, or overwrite each other's version of one golden record. Taken before the
   * first read of customers, keys or links. SQLite's transactions already take turns.
   */
  lockGoldenRecords(): Promise<void> {
    return waitForLock(this.manager, AdvisoryLock.GoldenRecords);
  }
}

/**
 * Crosswalk's store: the replica, golden records, links, match keys, the review queue, pair
 * decisions, pinned values, match models, checkpoints, runs, the outbox and quarantine, on
 * SQLite or PostgreSQL. The only code that touches TypeORM.
 */
export class CrosswalkStore implements OutboxSource {
  /** Reads and single statements outside a page's transaction. */
  readonly read: StoreTransaction;
  /** SQLite's transactions, one after the other: the end of the last one queued. */
  private sqliteTurn: Promise<unknown> = Promise.resolve();
  /**
   * The last sequence this relay published. Rows commit in sequence order (appends hold the
   * outbox order lock), so the next batch starts after it instead of stepping over every
   * published row whose old version vacuum has not yet removed.
   */
  private relayedUpTo = 0;

  private constructor(
    private readonly dataSource: DataSource,
    readonly kind: StoreOptions['type'],
  ) {
    this.read = new StoreTransaction(dataSource.manager);
  }

  /** Connects and brings the schema up to date with the migrations. */
  static async open(options: StoreOptions): Promise<CrosswalkStore> {
    const dataSource = createDataSource(options);
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
    return new CrosswalkStore(dataSource, options.type);
  }

  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.oneAtATime(() =>
      this.dataSource.transaction(async (manager) => {
        if (this.kind === 'sqlite') await takeSqliteWriteLock(manager);
        return work(new StoreTransaction(manager));
      }),
    );
  }

  /** A transaction that reads and writes golden records, holding their lock from its start. */
  reconcileTransaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.transaction(async (tx) => {
      await tx.lockGoldenRecords();
      return work(tx);
    });
  }

  /**
   * Relays one batch. One relay drains at a time (a PostgreSQL advisory lock, or SQLite's
   * single writer), which keeps per-key order across instances; rows are marked published
   * in the transaction that read them, so a failed publish leaves them pending.
   */
  async drain(
    limit: number,
    publish: (messages: readonly StoredOutboxMessage[]) => Promise<void>,
  ): Promise<number> {
    return this.oneAtATime(() => this.relayBatch(limit, publish));
  }

  private async relayBatch(
    limit: number,
    publish: (messages: readonly StoredOutboxMessage[]) => Promise<void>,
  ): Promise<number> {
    const relayed = await this.dataSource.transaction(async (manager) => {
      if (!(await this.takeRelayLock(manager))) return [];
      const outbox = new OutboxRepository(manager);
      const messages = await outbox.findPending(limit, this.kind === 'postgres', this.relayedUpTo);
      if (messages.length === 0) return [];
      await publish(messages);
      await outbox.markPublished(
        messages.map((message) => message.sequence),
        new Date().toISOString(),
      );
      return messages;
    });
    // Only once committed: a batch rolled back stays pending, and is read again.
    const last = relayed[relayed.length - 1];
    if (last !== undefined) this.relayedUpTo = last.sequence;
    return relayed.length;
  }

  pendingCount(): Promise<number> {
    return this.read.outbox.countPending();
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** Migrations not yet applied (empty once `open` has run). */
  async pendingMigrations(): Promise<boolean> {
    return this.dataSource.showMigrations();
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /**
   * SQLite has one connection, so two transactions open at once (a page's and the relay's, two
   * connectors' pages) would be one: a failure in either would undo or commit the other's
   * work. There they take turns; PostgreSQL gives each its own connection.
   */
  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    if (this.kind !== 'sqlite') return work();
    const turn = this.sqliteTurn.then(work);
    this.sqliteTurn = turn.catch(() => undefined);
    return turn;
  }

  private async takeRelayLock(manager: EntityManager): Promise<boolean> {
    if (this.kind === 'postgres') return tryLock(manager, AdvisoryLock.Relay);
    // A second relay, in another process, waits here instead of racing.
    await takeSqliteWriteLock(manager);
    return true;
  }
}

/**
 * SQLite's write lock, taken by the transaction's first statement: a write that needs no row.
 * Another process's writer holding it is waited for (the busy timeout). A transaction that
 * read first and wrote later would instead fail, without waiting, once that writer committed:
 * its reads would be of a state that is gone (SQLITE_BUSY_SNAPSHOT in WAL mode).
 */
async function takeSqliteWriteLock(manager: EntityManager): Promise<void> {
  await manager.query('DELETE FROM leases WHERE name = ? AND 0', ['sqlite-write-lock']);
}
