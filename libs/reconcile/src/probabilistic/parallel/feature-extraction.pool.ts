import { availableParallelism } from 'node:os';
import { type CustomerFacts } from '@crosswalk/model';
import { type MatchFeatures } from '../../normalise/match-features';
import { FeatureWorkerClient, type FeatureWorkerStats } from './feature-worker.client';
import { ParallelErrorCode, ParallelException } from './parallel.exception';

export interface FeatureExtractionPoolOptions {
  /** Worker threads; by default one per core but the caller's. */
  workers: number;
}

/**
 * Match feature extraction on worker threads: an execution strategy for
 * `MatchFeatureExtractor.extract`, which is pure, so a chunk extracted in a worker equals
 * the same chunk extracted in the caller's thread. Each chunk goes to the worker with the
 * fewest chunks in flight; each call's features come back in the order of its facts.
 */
export class FeatureExtractionPool {
  private readonly clients: FeatureWorkerClient[];

  constructor(options: Partial<FeatureExtractionPoolOptions> = {}) {
    const count = options.workers ?? Math.max(1, availableParallelism() - 1);
    if (!Number.isInteger(count) || count < 1) {
      throw new ParallelException(
        ParallelErrorCode.InvalidOptions,
        `a feature extraction pool needs a positive whole number of workers, not ${count}`,
        { workers: count },
      );
    }
    this.clients = Array.from({ length: count }, () => new FeatureWorkerClient());
  }

  /** Features of `facts` (JSON data), in their order. */
  extract(facts: readonly CustomerFacts[]): Promise<MatchFeatures[]> {
    let idlest = this.clients[0];
    for (const client of this.clients) {
      if (idlest === undefined || client.busy < idlest.busy) idlest = client;
    }
    return idlest === undefined ? Promise.resolve([]) : idlest.extract(facts, false);
  }

  /** Summed over the workers. */
  stats(): FeatureWorkerStats {
    const totals: FeatureWorkerStats = { callerMs: 0, workerMs: 0, trainingMs: 0, chunks: 0 };
    for (const client of this.clients) {
      const stats = client.stats();
      totals.callerMs += stats.callerMs;
      totals.workerMs += stats.workerMs;
      totals.trainingMs += stats.trainingMs;
      totals.chunks += stats.chunks;
    }
    return totals;
  }

  /** Stops the workers; chunks still in flight are rejected. */
  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.close()));
  }
}

/**
 * Features of `facts` extracted on `workers` threads in chunks of `chunkSize`; equal to
 * extracting them one by one in the caller's thread.
 */
export async function extractFeaturesInParallel(
  facts: readonly CustomerFacts[],
  options: Partial<FeatureExtractionPoolOptions & { chunkSize: number }> = {},
): Promise<MatchFeatures[]> {
  const pool = new FeatureExtractionPool(options);
  try {
    const chunkSize = Math.max(1, options.chunkSize ?? 10_000);
    const chunks: Promise<MatchFeatures[]>[] = [];
    for (let start = 0; start < facts.length; start += chunkSize) {
      chunks.push(pool.extract(facts.slice(start, start + chunkSize)));
    }
    return (await Promise.all(chunks)).flat();
  } finally {
    await pool.close();
  }
}
