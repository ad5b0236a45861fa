import { type CustomerKind } from '@crosswalk/model';
import { type BlockingRule, DEFAULT_BLOCKING_RULES } from '../blocking/blocking-rule';
import {
  type BlockingReport,
  type CandidatePairOptions,
  candidatePairs,
  DEFAULT_CANDIDATE_PAIR_OPTIONS,
} from '../blocking/candidate-pairs';
import { type MatchFeatures } from '../normalise/match-features';
import { type ComparisonDefinition, DEFAULT_COMPARISONS } from './comparison.definitions';
import { clusterLinks, type ScoredPair } from './link.clusterer';
import { type MatchModel } from './match-model';
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
  /** Pairs between the review and link thresholds: the review queue of a full run. */
  reviewPairs: { left: number; right: number; matchProbability: number }[];
  refusedLinks: { left: number; right: number; matchProbability: number }[];
  blocking: BlockingReport;
}

/**
 * The full (batch) mode: block, compare each candidate pair once, train the model on these
 * records unless one is given, score, and cluster with the chain guard. Pure.
 */
export function linkBatch(
  records: readonly MatchFeatures[],
  options: Partial<BatchLinkOptions> = {},
): BatchLinkResult {
  const settings = { ...DEFAULT_BATCH_LINK_OPTIONS, ...options };
  const candidates = candidatePairs(records, settings.rules, settings.blocking);
  const byKind = new Map<
    CustomerKind,
    { definitions: ComparisonDefinition[]; radices: number[] }
  >();
  for (const kind of ['person', 'organization'] as const) {
    const definitions = settings.comparisons.filter((definition) => definition.kind === kind);
    byKind.set(kind, { definitions, radices: radicesOf(definitions) });
  }

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

  const model =
    settings.model ??
    trainModelFromPatterns(
      records,
      counts,
      settings.comparisons,
      settings.training,
      settings.rules,
      settings.blocking,
    );
  const scorer = new PairScorer(model, settings.comparisons);
  const scored: ScoredPair[] = [];
  const reviewPairs: BatchLinkResult['reviewPairs'] = [];
  let linkedPairs = 0;
  for (let p = 0; p < candidates.count; p += 1) {
    const left = candidates.left[p] ?? 0;
    const right = candidates.right[p] ?? 0;
    const a = records[left];
    const b = records[right];
    if (a === undefined || b === undefined) continue;
    const score = scorer.scoreCoded(a, b, codes[p] ?? 0);
    const pair = {
      left,
      right,
      matchProbability: score.matchProbability,
      deterministic: score.deterministic,
    };
    if (score.deterministic || score.matchProbability >= model.thresholds.link) linkedPairs += 1;
    else if (score.matchProbability >= model.thresholds.review) {
      reviewPairs.push({ left, right, matchProbability: score.matchProbability });
    }
    // Only links and cannot-links matter to clustering; the rest need not be held.
    if (
      pair.deterministic ||
      pair.matchProbability >= model.thresholds.link ||
      pair.matchProbability <= settings.cannotLink
    ) {
      scored.push(pair);
    }
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
    reviewPairs,
    refusedLinks: clusters.refusedLinks,
    blocking: candidates.report,
  };
}
