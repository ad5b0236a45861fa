import { type CustomerKind } from '@crosswalk/model';
import { type BlockingRule, DEFAULT_BLOCKING_RULES } from '../blocking/blocking-rule';
import {
  type BlockingReport,
  type CandidatePairOptions,
  type CandidatePairs,
  candidatePairs,
  DEFAULT_CANDIDATE_PAIR_OPTIONS,
} from '../blocking/candidate-pairs';
import { type MatchFeatures } from '../normalise/match-features';
import { type ComparisonDefinition, DEFAULT_COMPARISONS } from './comparison.definitions';
import { clusterLinks, type ScoredPair } from './link.clusterer';
import { type MatchModel } from './match-model';
import { MatchModelErrorCode, MatchModelException } from './match-model.exception';
import {
  DEFAULT_TRAINING_OPTIONS,
  type LevelPatterns,
  pairPattern,
  radicesOf,
  trainModelFromPatterns,
  type TrainingOptions,
} from './match-model.trainer';
import { PairScorer } from './pair.scorer';

export interface BatchLinkOptions {
  rules: readonly BlockingRule[];
  comparisons: readonly ComparisonDefinition[];
  blocking: CandidatePairOptions;
  training: TrainingOptions;
  /** A trained model to use as is; when absent one is trained on these records. */
  model?: MatchModel;
  /** At or below this probability a pair is a cannot-link for clustering. */
  cannotLink: number;
  /**
   * Verdicts people gave on pairs of these records (indexes), whether or not blocking pairs
   * them: `same` links before anything else, `distinct` is a cannot-link no chain may cross.
   * For a pair named twice the later entry wins.
   */
  decisions?: readonly BatchPairDecision[];
}

export interface BatchPairDecision {
  left: number;
  right: number;
  verdict: 'same' | 'distinct';
}

export const DEFAULT_BATCH_LINK_OPTIONS: BatchLinkOptions = {
  rules: DEFAULT_BLOCKING_RULES,
  comparisons: DEFAULT_COMPARISONS,
  blocking: DEFAULT_CANDIDATE_PAIR_OPTIONS,
  training: DEFAULT_TRAINING_OPTIONS,
  cannotLink: 0.001,
};

export interface BatchLinkResult {
  /** Cluster of each record (the smallest record index in it). */
  clusterOf: Int32Array;
  model: MatchModel;
  candidatePairs: number;
  linkedPairs: number;
  /**
   * Pairs between the review and link thresholds, the review queue of a full run, less those
   * a decision settles: a pair decided either way, and a pair whose clusters a `distinct`
   * decision keeps apart.
   */
  reviewPairs: { left: number; right: number; matchProbability: number }[];
  refusedLinks: { left: number; right: number; matchProbability: number }[];
  blocking: BlockingReport;
}

/** Candidate pairs with the level pattern of each, and the patterns' counts per kind. */
export interface ComparedCandidates {
  candidates: CandidatePairs;
  /** Level pattern code of each candidate pair. */
  codes: Uint32Array;
  counts: Map<CustomerKind, LevelPatterns>;
}

/**
 * The full (batch) mode: block, compare each candidate pair once, train the model on these
 * records unless one is given, score, and cluster with the chain guard. Pure.
 */
export function linkBatch(
  records: readonly MatchFeatures[],
  options: Partial<BatchLinkOptions> = {},
): BatchLinkResult {
  const settings = batchLinkSettings(options);
  const compared = compareCandidates(records, settings);
  const model =
    settings.model ??
    trainModelFromPatterns(
      records,
      compared.counts,
      settings.comparisons,
      settings.training,
      settings.rules,
      settings.blocking,
    );
  return scoreAndCluster(records, settings, compared, model);
}

/** Options of a batch link, defaults filled in. */
export function batchLinkSettings(options: Partial<BatchLinkOptions> = {}): BatchLinkOptions {
  return { ...DEFAULT_BATCH_LINK_OPTIONS, ...options };
}

/** The first stage of `linkBatch`: blocking, and the comparisons of each candidate pair. */
export function compareCandidates(
  records: readonly MatchFeatures[],
  settings: BatchLinkOptions,
): ComparedCandidates {
  const candidates = candidatePairs(records, settings.rules, settings.blocking);
  const byKind = comparisonsByKind(settings.comparisons);
  const codes = new Uint32Array(candidates.count);
  const counts = new Map<CustomerKind, LevelPatterns>([
    ['person', { kind: 'person', counts: new Map(), pairs: 0 }],
    ['organization', { kind: 'organization', counts: new Map(), pairs: 0 }],
  ]);
  for (let p = 0; p < candidates.count; p += 1) {
    const a = records[candidates.left[p] ?? 0];
    const b = records[candidates.right[p] ?? 0];
    const kind = a === undefined ? undefined : byKind.get(a.kind);
    if (a === undefined || b === undefined || kind === undefined) continue;
    const code = pairPattern(kind.definitions, kind.radices, a, b);
    codes[p] = code;
    const tally = counts.get(a.kind);
    if (tally !== undefined) {
      tally.counts.set(code, (tally.counts.get(code) ?? 0) + 1);
      tally.pairs += 1;
    }
  }
  return { candidates, codes, counts };
}

function comparisonsByKind(
  comparisons: readonly ComparisonDefinition[],
): Map<CustomerKind, { definitions: ComparisonDefinition[]; radices: number[] }> {
  const byKind = new Map<
    CustomerKind,
    { definitions: ComparisonDefinition[]; radices: number[] }
  >();
  for (const kind of ['person', 'organization'] as const) {
    const definitions = comparisons.filter((definition) => definition.kind === kind);
    byKind.set(kind, { definitions, radices: radicesOf(definitions) });
  }
  return byKind;
}

/** The last stage of `linkBatch`: score the compared pairs with `model`, take decisions, cluster. */
export function scoreAndCluster(
  records: readonly MatchFeatures[],
  settings: BatchLinkOptions,
  compared: ComparedCandidates,
  model: MatchModel,
): BatchLinkResult {
  const { candidates, codes } = compared;
  const byKind = comparisonsByKind(settings.comparisons);
  const scorer = new PairScorer(model, settings.comparisons);
  const decided = decisionsByPair(records.length, settings.decisions ?? []);
  const scored: ScoredPair[] = [];
  const reviewPairs: BatchLinkResult['reviewPairs'] = [];
  let linkedPairs = 0;
  for (let p = 0; p < candidates.count; p += 1) {
    const left = candidates.left[p] ?? 0;
    const right = candidates.right[p] ?? 0;
    const a = records[left];
    const b = records[right];
    if (a === undefined || b === undefined) continue;
    // Decided pairs are taken below, with the decisions blocking did not pair.
    if (decided.size > 0 && decided.has(pairKey(left, right, records.length))) continue;
    const { matchProbability, deterministic } = scorer.scoreCoded(a, b, codes[p] ?? 0);
    const linked = deterministic || matchProbability >= model.thresholds.link;
    if (linked) linkedPairs += 1;
    else if (matchProbability >= model.thresholds.review) {
      reviewPairs.push({ left, right, matchProbability });
    }
    // Only links and cannot-links matter to clustering; the rest need not be held.
    if (linked || matchProbability <= settings.cannotLink) {
      scored.push({ left, right, matchProbability, deterministic });
    }
  }
  for (const { left, right, verdict } of decided.values()) {
    const a = records[left];
    const b = records[right];
    const kind = a === undefined ? undefined : byKind.get(a.kind);
    const score =
      a === undefined || b === undefined || kind === undefined || a.kind !== b.kind
        ? { matchProbability: 0, deterministic: false }
        : scorer.scoreCoded(a, b, pairPattern(kind.definitions, kind.radices, a, b));
    if (verdict === 'same') linkedPairs += 1;
    scored.push({
      left,
      right,
      matchProbability: score.matchProbability,
      deterministic: score.deterministic,
      decision: verdict,
    });
  }
  const clusters = clusterLinks(records.length, scored, {
    link: model.thresholds.link,
    cannotLink: settings.cannotLink,
  });
  return {
    clusterOf: clusters.clusterOf,
    model,
    candidatePairs: candidates.count,
    linkedPairs,
    reviewPairs: withoutKeptApart(reviewPairs, decided, clusters.clusterOf),
    refusedLinks: clusters.refusedLinks,
    blocking: candidates.report,
  };
}

/** One number per unordered pair of record indexes. */
function pairKey(i: number, j: number, recordCount: number): number {
  return i < j ? i * recordCount + j : j * recordCount + i;
}

/** Decisions by pair, the later of two on one pair winning; indexes are checked. */
function decisionsByPair(
  recordCount: number,
  decisions: readonly BatchPairDecision[],
): Map<number, BatchPairDecision> {
  const byPair = new Map<number, BatchPairDecision>();
  for (const decision of decisions) {
    const { left, right } = decision;
    const valid = (index: number) => Number.isInteger(index) && index >= 0 && index < recordCount;
    if (!valid(left) || !valid(right) || left === right) {
      throw new MatchModelException(
        MatchModelErrorCode.InvalidDecision,
        `a pair decision names records ${left} and ${right}, which are not two of the ${recordCount} records`,
        { left, right, recordCount },
      );
    }
    const key = pairKey(left, right, recordCount);
    byPair.delete(key);
    byPair.set(key, {
      left: Math.min(left, right),
      right: Math.max(left, right),
      verdict: decision.verdict,
    });
  }
  return byPair;
}

/** Review pairs whose clusters a `distinct` decision keeps apart are settled already. */
function withoutKeptApart<T extends { left: number; right: number }>(
  pairs: T[],
  decided: ReadonlyMap<number, BatchPairDecision>,
  clusterOf: Int32Array,
): T[] {
  const apart = new Set<number>();
  for (const { left, right, verdict } of decided.values()) {
    if (verdict === 'distinct') {
      apart.add(pairKey(clusterOf[left] ?? left, clusterOf[right] ?? right, clusterOf.length));
    }
  }
  if (apart.size === 0) return pairs;
  return pairs.filter(
    ({ left, right }) =>
      !apart.has(pairKey(clusterOf[left] ?? left, clusterOf[right] ?? right, clusterOf.length)),
  );
}
