import { performance } from 'node:perf_hooks';

/**
 * Where a connector run's time went, in seconds of wall time on the run's thread. The stages
 * do not overlap: time one stage spends inside another counts for the inner one only.
 */
export interface StageTimings {
  /** Waiting for the source's next page: what reading one page ahead did not hide. */
  read: number;
  /** Mapping, normalising and hashing the records of each page. */
  prepare: number;
  /** Matching, survivorship and building the change events. */
  reconcile: number;
  /**
   * The rest of each page's transaction: its reads, writes and commit, with whatever else the
   * thread did while it waited on them (the relay's publishing, when it runs beside the sync).
   */
  store: number;
}

/** The stages, and how much of them the thread sat idle. */
export interface RunTimings extends StageTimings {
  /**
   * Seconds of the run the thread had nothing to do but wait on the source, the store or Kafka
   * (the event loop's idle time): what overlapping more work could still use.
   */
  idle: number;
}

export type Stage = keyof StageTimings;

const STAGES: readonly Stage[] = ['read', 'prepare', 'reconcile', 'store'];

/** A point in time and the totals then, to tell how long passed outside the stages timed since. */
export interface StageMark {
  at: number;
  timed: number;
}

/** Adds up a run's time per stage. One clock per run; not shared between runs. */
export class StageClock {
  private readonly totals: StageTimings = { read: 0, prepare: 0, reconcile: 0, store: 0 };
  private readonly idleAtStart: number;

  /** `now` and `idleMs` (the thread's idle time so far) in milliseconds. */
  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly idleMs: () => number = () => performance.eventLoopUtilization().idle,
  ) {
    this.idleAtStart = idleMs();
  }

  /** Runs a synchronous step and counts its time for `stage`. */
  time<T>(stage: Stage, step: () => T): T {
    const mark = this.mark();
    try {
      return step();
    } finally {
      this.addSince(stage, mark);
    }
  }

  /** Runs an asynchronous step and counts its time for `stage`, less the stages timed within. */
  async timeAsync<T>(stage: Stage, step: () => Promise<T>): Promise<T> {
    const mark = this.mark();
    try {
      return await step();
    } finally {
      this.addSince(stage, mark);
    }
  }

  mark(): StageMark {
    return { at: this.now(), timed: this.timedSeconds() };
  }

  /** Counts the time since `mark` for `stage`, less what other stages were counted meanwhile. */
  addSince(stage: Stage, mark: StageMark): void {
    const elapsed = (this.now() - mark.at) / 1000;
    const nested = this.timedSeconds() - mark.timed;
    this.totals[stage] += Math.max(0, elapsed - nested);
  }

  timings(): RunTimings {
    return { ...this.totals, idle: (this.idleMs() - this.idleAtStart) / 1000 };
  }

  private timedSeconds(): number {
    return STAGES.reduce((sum, stage) => sum + this.totals[stage], 0);
  }
}
