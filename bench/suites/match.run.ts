/**
 * One size of the match benchmark, in its own process: generate, match, score against the
 * truth, and print one JSON line. `seconds` covers matching only (features, blocking,
 * training, scoring, clustering) on the path this thread waits on; generating and
 * normalising the records is `generateSeconds`. Features are extracted on a worker thread
 * while records are generated (`featureWorkerSeconds`), and the worker trains while this
 * thread blocks and compares. `peakRssMb` is the process's peak, generation included.
 */
import { type CustomerFacts } from '@crosswalk/model';
import { type MatchFeatures, ParallelBatchLinker } from '@crosswalk/reconcile';
import {
  fakerPools,
  generateSourceRecords,
  toSyntheticObservation,
  DEFAULT_SYNTHETIC_OPTIONS,
} from '@crosswalk/synthetic';

export interface MatchRun {
  records: number;
  precision: number;
  recall: number;
  f1: number;
  seconds: number;
  /**
   * The part of `seconds` extraction of match features costs: this thread's serialising and
   * decoding, and the wait for the last chunks once generation is done.
   */
  featureSeconds: number;
  /** Time the worker spent extracting features, mostly while this thread generated. */
  featureWorkerSeconds: number;
  /** Time the worker spent on training evidence while this thread blocked and compared. */
  trainingWorkerSeconds: number;
  /**
   * Time of the same work on every thread: the threads' own times on extraction plus the
   * process CPU time of linking (garbage collection included); steadier than `seconds` on a
   * machine shared with other work.
   */
  cpuSeconds: number;
  peakRssMb: number;
  generateSeconds: number;
  candidatePairs: number;
  refusedLinks: number;
  reviewPairs: number;
  oversizedBlocks: number;
}

/** Records generated before their features are extracted in one go, on the worker. */
const CHUNK = 10_000;

async function main(): Promise<void> {
  const records = Number(process.argv[2]);
  // Features are extracted on a worker thread chunk by chunk while this thread generates the
  // next records, so a million records' facts are never held at once; when linking, the
  // worker trains on its copy of the features while this thread blocks and compares. What
  // extraction costs this thread (serialising facts, decoding features) and the wait for the
  // last chunks after generation count as matching.
  const linker = new ParallelBatchLinker();
  const extracted: Promise<MatchFeatures[]>[] = [];
  const truth: string[] = [];
  let chunk: CustomerFacts[] = [];
  const generateStart = performance.now();
  for (const record of generateSourceRecords(fakerPools(DEFAULT_SYNTHETIC_OPTIONS.countries, 42), {
    records,
    seed: 42,
  })) {
    const { observation, entityId } = toSyntheticObservation(record);
    chunk.push(observation.facts);
    truth.push(entityId);
    if (chunk.length === CHUNK) {
      extracted.push(linker.extract(chunk));
      chunk = [];
      // Lets the replies of finished chunks be decoded between generated ones.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (chunk.length > 0) extracted.push(linker.extract(chunk));
  const generateEnd = performance.now();
  const callerMsInGeneration = linker.stats().callerMs;
  const chunks = await Promise.all(extracted);
  const features: MatchFeatures[] = [];
  for (const part of chunks) for (const each of part) features.push(each);
  chunks.length = 0;
  // The decoding of the last chunks is in this wait.
  const waitMs = performance.now() - generateEnd;
  const extractStats = linker.stats();
  const extractMs = callerMsInGeneration + waitMs;
  const generateSeconds = (generateEnd - generateStart - callerMsInGeneration) / 1000;

  const linkStart = performance.now();
  const linkCpuStart = process.cpuUsage();
  const result = await linker.link(features);
  // All threads: the worker's training is in it.
  const linkCpuMicros = cpuOf(process.cpuUsage(linkCpuStart));
  const seconds = (extractMs + performance.now() - linkStart) / 1000;
  const linkStats = linker.stats();
  await linker.close();

  const quality = pairwiseQuality(result.clusterOf, truth);
  const run: MatchRun = {
    records,
    ...quality,
    seconds: round(seconds, 2),
    featureSeconds: round(extractMs / 1000, 2),
    featureWorkerSeconds: round(extractStats.workerMs / 1000, 2),
    trainingWorkerSeconds: round(linkStats.trainingMs / 1000, 2),
    cpuSeconds: round(
      (linkCpuMicros / 1000 + extractStats.callerMs + extractStats.workerMs) / 1000,
      2,
    ),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    generateSeconds: round(generateSeconds, 2),
    candidatePairs: result.candidatePairs,
    refusedLinks: result.refusedLinks.length,
    reviewPairs: result.reviewPairs.length,
    oversizedBlocks: result.blocking.oversizedCount,
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

/** Pairwise: a pair of records is predicted when they share a cluster, true when they share an entity. */
function pairwiseQuality(
  clusterOf: Int32Array,
  truth: readonly string[],
): { precision: number; recall: number; f1: number } {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const clusterSizes = new Map<number, number>();
  const entitySizes = new Map<string, number>();
  const both = new Map<string, number>();
  truth.forEach((entity, index) => {
    const cluster = clusterOf[index] ?? index;
    clusterSizes.set(cluster, (clusterSizes.get(cluster) ?? 0) + 1);
    entitySizes.set(entity, (entitySizes.get(entity) ?? 0) + 1);
    const key = `${cluster}|${entity}`;
    both.set(key, (both.get(key) ?? 0) + 1);
  });
  const sum = (sizes: Iterable<number>) =>
    [...sizes].reduce((total, size) => total + pairs(size), 0);
  const truePositives = sum(both.values());
  const predicted = sum(clusterSizes.values());
  const actual = sum(entitySizes.values());
  const precision = predicted === 0 ? 1 : truePositives / predicted;
  const recall = actual === 0 ? 1 : truePositives / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision, 4), recall: round(recall, 4), f1: round(f1, 4) };
}

function cpuOf(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system;
}

function round(value: number, digits: number): number {
  const factor = Math.pow(10, digits);
  return Math.round(value * factor) / factor;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
