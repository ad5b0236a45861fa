import { type CustomerFacts, type SourceKey, type SourceObservation } from '@crosswalk/model';
import {
  type CustomerCluster,
  type MatchDecision,
  type MatchEvidence,
  type Matcher,
} from '../reconcile.types';
import { compareStrings } from '../support/compare';
import { MatchKeyMemo } from './match-key.memo';
import { DEFAULT_MATCH_KEY_POLICY, type MatchKeyPolicy, matchKeysOf } from './match-key.policy';

/**
 * Links a record to every cluster that shares one of its match keys: clusters are the
 * connected components of the key graph, which makes the result independent of arrival order.
 */
export class DeterministicMatcher implements Matcher {
  readonly name = 'deterministic';
  private readonly memo = new MatchKeyMemo();

  constructor(private readonly policy: MatchKeyPolicy = DEFAULT_MATCH_KEY_POLICY) {}

  keysOf(facts: CustomerFacts, key: SourceKey): readonly string[] {
    return this.memo.keysOf(facts, key, () => matchKeysOf(facts, key, this.policy));
  }

  match(observation: SourceObservation, candidates: readonly CustomerCluster[]): MatchDecision {
    const own = new Set(this.keysOf(observation.facts, observation));
    const evidence: MatchEvidence[] = [];
    for (const candidate of candidates) {
      const shared = new Set<string>();
      for (const member of candidate.members) {
        for (const key of this.keysOf(member.facts, member)) {
          if (own.has(key)) shared.add(key);
        }
      }
      if (shared.size > 0) {
        evidence.push({ customerId: candidate.golden.id, sharedKeys: [...shared].sort() });
      }
    }
    evidence.sort((a, b) => compareStrings(a.customerId, b.customerId));
    return evidence.length > 0 ? { type: 'link', evidence } : { type: 'new', evidence: [] };
  }
}
