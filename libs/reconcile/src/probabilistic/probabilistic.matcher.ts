import { type CustomerFacts, type SourceKey, type SourceObservation } from '@crosswalk/model';
import {
  type BlockingRule,
  blockingKeysOf,
  DEFAULT_BLOCKING_RULES,
} from '../blocking/blocking-rule';
import {
  DEFAULT_MATCH_KEY_POLICY,
  type MatchKeyPolicy,
  matchKeysOf,
} from '../match/match-key.policy';
import { MatchKeyMemo } from '../match/match-key.memo';
import { FREE_MAIL_DOMAINS } from '../normalise/domain.normaliser';
import { MatchFeatureExtractor, type MatchFeatures } from '../normalise/match-features';
import {
  type CustomerCluster,
  type MatchDecision,
  type MatchEvidence,
  type Matcher,
} from '../reconcile.types';
import { compareStrings } from '../support/compare';
import { type ComparisonDefinition, DEFAULT_COMPARISONS } from './comparison.definitions';
import { type MatchModel } from './match-model';
import { type PairScore, PairScorer } from './pair.scorer';

export interface ProbabilisticMatcherOptions {
  keyPolicy: MatchKeyPolicy;
  rules: readonly BlockingRule[];
  comparisons: readonly ComparisonDefinition[];
  /** At or below this probability against any member, a cluster is never linked (chain guard). */
  cannotLink: number;
}

export const DEFAULT_PROBABILISTIC_MATCHER_OPTIONS: ProbabilisticMatcherOptions = {
  keyPolicy: DEFAULT_MATCH_KEY_POLICY,
  rules: DEFAULT_BLOCKING_RULES,
  comparisons: DEFAULT_COMPARISONS,
  cannotLink: 0.001,
};

interface CandidateScore {
  cluster: CustomerCluster;
  best: PairScore;
  /** Some live member is a cannot-link for the observation. */
  blocked: boolean;
  sharedKeys: string[];
}

/**
 * Fellegi-Sunter matching of one source record against the candidate clusters its keys
 * found (the incremental path). Reads a trained `MatchModel`; never trains. Pure: the same
 * observation and candidates give the same decision.
 *
 * - keys: the v1 match keys plus the blocking keys (`block:...`), so the key index finds
 *   candidates for every blocking rule;
 * - a candidate is scored by its best live member; a shared strong identifier or personal
 *   e-mail links outright (probability 1);
 * - a candidate with a cannot-link member (probability at or below `cannotLink`, vetoes
 *   included) is never linked: a chain must not join two customers already seen to differ;
 * - link to every candidate at or above `thresholds.link` (several merge), provided none of
 *   them is a cannot-link for another; otherwise review for those at or above
 *   `thresholds.review`; otherwise new.
 */
export class ProbabilisticMatcher implements Matcher {
  readonly name = 'fellegi-sunter';
  private readonly scorer: PairScorer;
  private readonly extractor: MatchFeatureExtractor;
  private readonly options: ProbabilisticMatcherOptions;
  private readonly memo = new MatchKeyMemo();

  constructor(
    readonly model: MatchModel,
    options: Partial<ProbabilisticMatcherOptions> = {},
  ) {
    this.options = { ...DEFAULT_PROBABILISTIC_MATCHER_OPTIONS, ...options };
    this.scorer = new PairScorer(model, this.options.comparisons);
    this.extractor = new MatchFeatureExtractor({
      keyPolicy: this.options.keyPolicy,
      freeMailDomains: FREE_MAIL_DOMAINS,
    });
  }

  keysOf(facts: CustomerFacts, key: SourceKey): readonly string[] {
    return this.memo.keysOf(facts, key, () => {
      const keys = new Set(matchKeysOf(facts, key, this.options.keyPolicy));
      for (const blockingKey of blockingKeysOf(this.extractor.extract(facts), this.options.rules)) {
        keys.add(blockingKey);
      }
      return [...keys].sort(compareStrings);
    });
  }

  match(observation: SourceObservation, candidates: readonly CustomerCluster[]): MatchDecision {
    const own = this.extractor.extract(observation.facts);
    const ownKeys = new Set(this.keysOf(observation.facts, observation));
    const scored = candidates
      .map((cluster) => this.scoreCandidate(own, ownKeys, cluster))
      .filter((candidate): candidate is CandidateScore => candidate !== null)
      .sort(
        (a, b) =>
          b.best.matchProbability - a.best.matchProbability ||
          compareStrings(a.cluster.golden.id, b.cluster.golden.id),
      );
    const { link, review } = this.model.thresholds;
    const links: CandidateScore[] = [];
    for (const candidate of scored) {
      const linkable =
        candidate.best.deterministicKeys.length > 0 ||
        (!candidate.blocked && candidate.best.matchProbability >= link);
      if (
        linkable &&
        !links.some((accepted) => this.cannotJoin(accepted.cluster, candidate.cluster))
      ) {
        links.push(candidate);
      }
    }
    if (links.length > 0) return { type: 'link', evidence: byCustomerId(links.map(evidenceOf)) };
    const reviews = scored.filter(
      (candidate) => !candidate.blocked && candidate.best.matchProbability >= review,
    );
    if (reviews.length > 0)
      return { type: 'review', evidence: byCustomerId(reviews.map(evidenceOf)) };
    return { type: 'new', evidence: byCustomerId(scored.map(evidenceOf)) };
  }

  private scoreCandidate(
    own: MatchFeatures,
    ownKeys: ReadonlySet<string>,
    cluster: CustomerCluster,
  ): CandidateScore | null {
    let best: PairScore | null = null;
    let blocked = false;
    const sharedKeys = new Set<string>();
    for (const member of cluster.members) {
      if (member.deleted) continue;
      for (const key of this.keysOf(member.facts, member))
        if (ownKeys.has(key)) sharedKeys.add(key);
      const score = this.scorer.score(own, this.extractor.extract(member.facts));
      if (
        score.deterministicKeys.length === 0 &&
        score.matchProbability <= this.options.cannotLink
      ) {
        blocked = true;
      }
      if (best === null || rank(score) > rank(best)) best = score;
    }
    return best === null
      ? null
      : { cluster, best, blocked, sharedKeys: [...sharedKeys].sort(compareStrings) };
  }

  /** Two clusters that some pair of their live members says are different customers. */
  private cannotJoin(a: CustomerCluster, b: CustomerCluster): boolean {
    for (const left of a.members) {
      if (left.deleted) continue;
      const leftFeatures = this.extractor.extract(left.facts);
      for (const right of b.members) {
        if (right.deleted) continue;
        const score = this.scorer.score(leftFeatures, this.extractor.extract(right.facts));
        if (
          score.deterministicKeys.length === 0 &&
          score.matchProbability <= this.options.cannotLink
        ) {
          return true;
        }
      }
    }
    return false;
  }
}

/** Deterministic links first, then probability. */
function rank(score: PairScore): number {
  return score.deterministicKeys.length > 0 ? 2 : score.matchProbability;
}

function evidenceOf(candidate: CandidateScore): MatchEvidence {
  return {
    customerId: candidate.cluster.golden.id,
    sharedKeys: candidate.sharedKeys,
    score: {
      matchWeight: candidate.best.matchWeight,
      matchProbability: candidate.best.matchProbability,
      comparisons: candidate.best.comparisons,
    },
  };
}

function byCustomerId(evidence: MatchEvidence[]): MatchEvidence[] {
  return evidence.sort((a, b) => compareStrings(a.customerId, b.customerId));
}
