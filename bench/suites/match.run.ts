/**
 * One size of the match benchmark, in its own process: generate, match, score against the
 * truth, and print one JSON line. `seconds` covers matching only (features, blocking,
 * training, scoring, clustering); generating and normalising the records is `generateSeconds`.
 * `peakRssMb` is the process's peak, generation included.
 */
import { type CustomerFacts } from '@crosswalk/model';
import { linkBatch, MatchFeatureExtractor, type MatchFeatures } from '@crosswalk/reconcile';
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
  /** The part of `seconds` spent extracting match features. */
  featureSeconds: number;
  /**
   * CPU time of the same work (all threads of the process, garbage collection included):
   * steadier than `seconds` on a machine shared with other work.
   */
  cpuSeconds: number;
  peakRssMb: number;
  generateSeconds: number;
  candidatePairs: number;
  refusedLinks: number;
  reviewPairs: number;
  oversizedBlocks: number;
}

/** Records generated before their features are extracted in one go. */
const CHUNK = 100_000;

function main(): void {
  const records = Number(process.argv[2]);
  // Features are extracted chunk by chunk as records are generated, so a million records'
  // facts are never held at once; each chunk's extraction is timed and counted as matching.
  const extractor = new MatchFeatureExtractor();
  const features: MatchFeatures[] = [];
  const truth: string[] = [];
  const chunk: CustomerFacts[] = [];
  let extractMs = 0;
  let cpuMicros = 0;
  const extractChunk = () => {
    const extractStart = performance.now();
    const cpuStart = process.cpuUsage();
    for (const facts of chunk) features.push(extractor.extract(facts));
    cpuMicros += cpuOf(process.cpuUsage(cpuStart));
    extractMs += performance.now() - extractStart;
    chunk.length = 0;
  };
  const generateStart = performance.now();
  for (const record of generateSourceRecords(fakerPools(DEFAULT_SYNTHETIC_OPTIONS.countries, 42), {
    records,
    seed: 42,
  })) {
    const { observation, entityId } = toSyntheticObservation(record);
    chunk.push(observation.facts);
    truth.push(entityId);
    if (chunk.length === CHUNK) extractChunk();
  }
  extractChunk();
  const generateSeconds = (performance.now() - generateStart - extractMs) / 1000;

  const linkStart = performance.now();
  const linkCpuStart = process.cpuUsage();
  const result = linkBatch(features);
  cpuMicros += cpuOf(process.cpuUsage(linkCpuStart));
  const seconds = (extractMs + performance.now() - linkStart) / 1000;

  const quality = pairwiseQuality(result.clusterOf, truth);
  const run: MatchRun = {
    records,
    ...quality,
    seconds: round(seconds, 2),
    featureSeconds: round(extractMs / 1000, 2),
    cpuSeconds: round(cpuMicros / 1e6, 2),
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

main();
