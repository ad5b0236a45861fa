import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectorError, ConnectorErrorCode, type SourcePage } from '@crosswalk/connectors';
import { CodedError } from '@crosswalk/model';
import { type CrosswalkStore, type StoreTransaction } from '@crosswalk/store';
import { type Matcher } from '@crosswalk/reconcile';
import { resolveMatcher } from '../match/matcher.resolver';
import { commitPage, type PageContext } from '../page/commit-page';
import { type PreparedPage, preparePage } from '../page/prepare-page';
import { SyncError, SyncErrorCode } from '../sync-error';
import { type ConnectorRunTarget, type RunOptions, type RunSummary } from './connector-run';
import { addRunCounts, emptyRunCounts, type RunCounts } from './run-counts';
import { StageClock } from './stage-clock';
import { type SyncSettings } from './sync-settings';

const RETRYABLE = new Set<string>([ConnectorErrorCode.Temporary, ConnectorErrorCode.RateLimited]);
const MAX_BACKOFF_MS = 60_000;

/**
 * Runs one connector from its checkpoint to the end of its source, page by page, one
 * transaction per page. The one place that owns retries, backoff, the run lease and the
 * run's history.
 */
export class ConnectorSyncService {
  private readonly logger = new Logger(ConnectorSyncService.name);

  constructor(
    private readonly store: CrosswalkStore,
    private readonly settings: SyncSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async run(target: ConnectorRunTarget, options: RunOptions): Promise<RunSummary> {
    const warnings = new Set<string>();
    const fullDeleteDiff = new Set<string>();
    const summary = await this.withRun(
      target.name,
      options,
      async (runId, report, clock, holdLease) => {
        let counts = emptyRunCounts();
        let attempt = 0;
        // One matcher for the whole run: a model trained meanwhile applies from the next run.
        const resolved = await resolveMatcher(this.store.read, this.settings.matching);
        if (resolved.warning !== null) warnings.add(resolved.warning);
        for (;;) {
          // Stops a read abandoned mid-way (a failed commit): the page read ahead is dropped.
          const stop = new AbortController();
          try {
            const checkpoint = await this.store.read.checkpoints.find(target.name);
            const pages = target.connector.read({
              checkpoint,
              pageSize: target.pageSize,
              signal: options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal,
            });
            const prepare = (page: SourcePage): ReadPage => {
              const context = this.pageContext(target.name, runId, resolved.matcher, clock);
              return {
                page,
                context,
                prepared: clock.time('prepare', () =>
                  preparePage(target.name, page, target.mapper, context.now),
                ),
              };
            };
            const steps = target.connector.readAhead
              ? readOneAhead(pages, prepare, stop)
              : mapPages(pages, prepare);
            let waiting = clock.mark();
            for await (const { page, context, prepared } of steps) {
              clock.addSince('read', waiting);
              options.signal?.throwIfAborted();
              const pageCounts = await clock.timeAsync('store', () =>
                this.store.transaction(async (tx) => {
                  const result = await commitPage(tx, context, prepared, page.checkpoint);
                  const needDiff = page.requiresFullDeleteDiff ?? [];
                  if (needDiff.length > 0 && page.checkpoint !== null) {
                    await tx.checkpoints.requireDeleteDiffs(target.name, needDiff);
                  }
                  await tx.runs.updateCounts(runId, { ...addRunCounts(counts, result) });
                  await holdLease(tx);
                  return result;
                }),
              );
              counts = addRunCounts(counts, pageCounts);
              for (const warning of page.warnings ?? []) {
                if (!warnings.has(warning)) this.logger.warn(`${target.name}: ${warning}`);
                warnings.add(warning);
              }
              for (const object of page.requiresFullDeleteDiff ?? []) fullDeleteDiff.add(object);
              await target.connector.acknowledge?.(page.checkpoint);
              attempt = 0;
              report(counts, page.progress);
              waiting = clock.mark();
            }
            return counts;
          } catch (error) {
            attempt += 1;
            if (!isRetryable(error) || attempt >= this.settings.maxAttempts) throw error;
            this.logger.warn(
              `${target.name}: ${describeError(error)}; retrying from the last checkpoint (attempt ${attempt + 1} of ${this.settings.maxAttempts})`,
            );
            await sleep(this.backoff(attempt, error), undefined, { signal: options.signal });
          }
        }
      },
    );
    // Also what an earlier run found out and did not get to (it failed, or its diff did).
    for (const object of await this.store.read.checkpoints.pendingDeleteDiffs(target.name)) {
      fullDeleteDiff.add(object);
    }
    return { ...summary, warnings: [...warnings], requiresFullDeleteDiff: [...fullDeleteDiff] };
  }

  /**
   * The full id diff: every replica record of `object` the source no longer holds is
   * marked deleted, through the same page pipeline as any other change.
   */
  async reconcileDeletes(
    target: ConnectorRunTarget,
    object: string,
    options: RunOptions,
  ): Promise<RunSummary> {
    const listIds = target.connector.listExternalIds?.bind(target.connector);
    if (!listIds) {
      throw new SyncError(
        SyncErrorCode.SourceFailed,
        `connector ${target.name} cannot list its ids, so it has no full delete diff`,
      );
    }
    return this.withRun(target.name, options, async (runId, report, clock, holdLease) => {
      const live = new Set<string>();
      await clock.timeAsync('read', async () => {
        for await (const ids of listIds(object)) for (const id of ids) live.add(id);
      });
      const resolved = await resolveMatcher(this.store.read, this.settings.matching);
      let counts = emptyRunCounts();
      let after: string | null = null;
      for (;;) {
        const ids = await this.store.read.sourceRecords.findLiveExternalIds(
          target.name,
          object,
          after,
          target.pageSize,
        );
        if (ids.length === 0) {
          await this.store.transaction(async (tx) => {
            await tx.checkpoints.deleteDiffDone(target.name, object);
            await holdLease(tx);
          });
          return counts;
        }
        after = ids[ids.length - 1] ?? null;
        const missing = ids.filter((id) => !live.has(id));
        if (missing.length === 0) continue;
        const context = this.pageContext(target.name, runId, resolved.matcher, clock);
        const deletions = missing.map((externalId) => ({
          connector: target.name,
          object,
          externalId,
        }));
        const pageCounts = await clock.timeAsync('store', () =>
          this.store.transaction(async (tx) => {
            const result = await commitPage(
              tx,
              context,
              { records: [], quarantine: [], deletions },
              null,
            );
            await holdLease(tx);
            return result;
          }),
        );
        counts = addRunCounts(counts, { ...pageCounts, read: 0 });
        report(counts);
      }
    });
  }

  private async withRun(
    connector: string,
    options: RunOptions,
    work: (
      runId: string,
      report: (counts: RunCounts, progress?: { done: number; total?: number }) => void,
      clock: StageClock,
      /**
       * Last in a page's transaction: renews the run's lease until its commit (the renewal's
       * row lock keeps anyone from taking it meanwhile), or fails if another run took it.
       */
      holdLease: (tx: StoreTransaction) => Promise<void>,
    ) => Promise<RunCounts>,
  ): Promise<RunSummary> {
    const runId = randomUUID();
    const owner = `${hostname()}/${process.pid}/${runId}`;
    const lease = `connector:${connector}`;
    const startedAt = this.now();
    if (!(await this.acquireLease(lease, owner, startedAt))) {
      const holder = await this.store.read.leases.holder(lease);
      throw new SyncError(
        SyncErrorCode.AlreadyRunning,
        `connector ${connector} is already running (lease held by ${holder ?? 'another process'})`,
        { connector },
      );
    }
    const heartbeat = this.keepLease(lease, owner);
    try {
      await this.store.read.runs.markAbandoned(connector, startedAt);
      await this.store.read.runs.start({
        id: runId,
        connector,
        trigger: options.trigger,
        counts: { ...emptyRunCounts() },
        startedAt,
      });
      let latest = emptyRunCounts();
      const clock = new StageClock();
      try {
        latest = await work(
          runId,
          (counts, progress) => {
            latest = counts;
            heartbeat.throwIfLost();
            options.onProgress?.({
              connector,
              runId,
              counts,
              ...(progress?.done === undefined ? {} : { done: progress.done }),
              ...(progress?.total === undefined ? {} : { total: progress.total }),
            });
          },
          clock,
          async (tx) => {
            // Taken last, so a long page still commits a fresh expiry; a page of a run whose
            // lease was taken meanwhile rolls back.
            if (!(await tx.leases.renew(lease, owner, this.leaseExpiry()))) {
              throw new SyncError(
                SyncErrorCode.LeaseLost,
                `the run lease ${lease} was taken by another process; this run's page is not committed`,
                { connector },
              );
            }
          },
        );
      } catch (error) {
        await this.store.read.runs.finish(runId, {
          status: options.signal?.aborted ? 'interrupted' : 'failed',
          counts: { ...latest },
          timings: { ...clock.timings() },
          error: describeError(error),
          at: this.now(),
        });
        throw error;
      }
      const finishedAt = this.now();
      const timings = clock.timings();
      await this.store.read.runs.finish(runId, {
        status: 'succeeded',
        counts: { ...latest },
        timings: { ...timings },
        error: null,
        at: finishedAt,
      });
      return {
        runId,
        connector,
        counts: latest,
        timings,
        startedAt,
        finishedAt,
        warnings: [],
        requiresFullDeleteDiff: [],
      };
    } finally {
      heartbeat.stop();
      await this.store.read.leases.release(lease, owner);
    }
  }

  /**
   * Takes the run lease. A lease left by a process of this host that no longer exists (killed,
   * crashed) is taken over at once rather than after it expires.
   */
  private async acquireLease(lease: string, owner: string, now: string): Promise<boolean> {
    const leases = this.store.read.leases;
    if (await leases.acquire(lease, owner, now, this.leaseExpiry())) return true;
    const holder = await leases.holder(lease);
    if (holder === null || !isDeadLocalProcess(holder)) return false;
    return leases.takeOver(lease, holder, owner, this.leaseExpiry());
  }

  private keepLease(lease: string, owner: string): { stop(): void; throwIfLost(): void } {
    let lost = false;
    const timer = setInterval(() => {
      this.store.read.leases.renew(lease, owner, this.leaseExpiry()).then(
        (held) => {
          lost ||= !held;
        },
        () => {
          lost = true;
        },
      );
    }, this.settings.leaseTtlMs / 3);
    timer.unref();
    return {
      stop: () => clearInterval(timer),
      throwIfLost: () => {
        if (lost) {
          throw new SyncError(
            SyncErrorCode.LeaseLost,
            `the run lease ${lease} was lost; another process may have taken over`,
          );
        }
      },
    };
  }

  private pageContext(
    connector: string,
    runId: string,
    matcher: Matcher,
    clock: StageClock,
  ): PageContext {
    return {
      connector,
      runId,
      policy: this.settings.policy,
      matcher,
      now: this.now(),
      clock,
    };
  }

  private backoff(attempt: number, error: unknown): number {
    const asked = error instanceof ConnectorError ? error.retryAfterMs : undefined;
    const exponential = Math.min(MAX_BACKOFF_MS, this.settings.backoffMs * 2 ** (attempt - 1));
    // Full jitter spreads retries of many runs that failed together.
    return Math.max(asked ?? 0, Math.round(exponential * (0.5 + Math.random() / 2)));
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private leaseExpiry(): string {
    return new Date(this.clock().getTime() + this.settings.leaseTtlMs).toISOString();
  }
}

/** A page as read, its context and what mapping made of it. */
interface ReadPage {
  page: SourcePage;
  context: PageContext;
  prepared: PreparedPage;
}

/** Pages one at a time: the next is asked for only once the caller is done with this one. */
async function* mapPages(
  pages: AsyncIterable<SourcePage>,
  prepare: (page: SourcePage) => ReadPage,
): AsyncGenerator<ReadPage> {
  for await (const page of pages) yield prepare(page);
}

/**
 * Pages with the next one read and prepared while the caller commits this one. One page
 * ahead, never more: memory stays bounded and pages reach the caller in their order. When the
 * caller stops early (a failed commit, an abort), the read is stopped and the page read ahead
 * dropped; the connector is finished with before a retry reads again.
 */
async function* readOneAhead(
  pages: AsyncIterable<SourcePage>,
  prepare: (page: SourcePage) => ReadPage,
  stop: AbortController,
): AsyncGenerator<ReadPage> {
  const iterator = pages[Symbol.asyncIterator]();
  const ask = (): Promise<IteratorResult<ReadPage, undefined>> =>
    iterator
      .next()
      .then((result) =>
        result.done
          ? { done: true, value: undefined }
          : { done: false, value: prepare(result.value) },
      );
  let ahead = ask();
  let finished = false;
  try {
    for (;;) {
      const result = await ahead;
      if (result.done) {
        finished = true;
        return;
      }
      ahead = ask();
      // Read errors surface when the caller asks for that page; until then they are held.
      ahead.catch(() => undefined);
      yield result.value;
    }
  } finally {
    if (!finished) {
      stop.abort();
      await ahead.catch(() => undefined);
      await iterator.return?.();
    }
  }
}

/** Owners are `host/pid/run`: a holder on this host whose pid is gone cannot be running. */
function isDeadLocalProcess(holder: string): boolean {
  const [host, pid] = holder.split('/');
  if (host !== hostname() || pid === undefined || !/^\d+$/.test(pid)) return false;
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function isRetryable(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError && RETRYABLE.has(error.code);
}

function describeError(error: unknown): string {
  if (error instanceof CodedError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
