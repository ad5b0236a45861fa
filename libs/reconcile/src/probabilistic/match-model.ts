import { type CanonicalField, type CustomerKind } from '@crosswalk/model';

/** m and u of one comparison level. */
export interface LevelParameters {
  label: string;
  /** P(level | the records are one customer). */
  m: number;
  /** P(level | they are not). */
  u: number;
  veto: boolean;
}

export interface ComparisonParameters {
  name: string;
  field: CanonicalField;
  levels: LevelParameters[];
  /**
   * Share of records holding a value, for values common enough to matter (level 0 only):
   * agreeing on "Andersson" or a shared switchboard number says less than agreeing on a
   * rare value.
   */
  termFrequencies?: Record<string, number>;
}

export interface KindModel {
  /** Prior: the probability that two records of this kind drawn at random are one customer. */
  lambda: number;
  comparisons: ComparisonParameters[];
}

/**
 * A trained Fellegi-Sunter model: plain JSON, so it can be stored, reviewed and reused.
 * Training (`trainMatchModel`) makes one; scoring only reads it.
 */
export interface MatchModel {
  version: 1;
  kinds: Record<CustomerKind, KindModel>;
  /** Match probabilities: at or above `link` a link, at or above `review` the review queue. */
  thresholds: MatchThresholds;
}

export interface MatchThresholds {
  link: number;
  review: number;
}

export const DEFAULT_MATCH_THRESHOLDS: MatchThresholds = { link: 0.95, review: 0.5 };

/** Match weight (log2 Bayes factor, prior included) to probability. */
export function matchProbabilityOf(matchWeight: number): number {
  if (matchWeight === Number.NEGATIVE_INFINITY) return 0;
  const odds = Math.pow(2, matchWeight);
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
}

/** log2 of the prior odds. */
export function priorWeightOf(lambda: number): number {
  return Math.log2(lambda / (1 - lambda));
}
