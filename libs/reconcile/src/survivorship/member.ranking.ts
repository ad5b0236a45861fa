import { type SourceObservation } from '@crosswalk/model';
import { type SurvivorshipPolicy } from '../reconcile.types';
import { compareSourceKeys } from '../support/compare';
import { timestampMs } from '../support/timestamp';

/** A member and its place in the ranking. */
export interface RankedMember {
  member: SourceObservation;
  /** Index in the policy's sourcePriority; unlisted connectors share the last place. */
  priority: number;
  observedMs: number;
}

/**
 * Ranking of source records for survivorship: the source priority of the policy, then the
 * most recent observedAt, then the source key (a stable tie-break). Best first.
 */
export function rankMembers(
  members: readonly SourceObservation[],
  policy: SurvivorshipPolicy,
): SourceObservation[] {
  return rankedMembers(members, policy).map((ranked) => ranked.member);
}

/** The same ranking, with what it was decided on. A total order: input order never matters. */
export function rankedMembers(
  members: readonly SourceObservation[],
  policy: SurvivorshipPolicy,
): RankedMember[] {
  const unlisted = policy.sourcePriority.length;
  return members
    .map((member) => {
      const index = policy.sourcePriority.indexOf(member.connector);
      return {
        member,
        priority: index === -1 ? unlisted : index,
        observedMs: timestampMs(member.observedAt, `observedAt of ${member.externalId}`),
      };
    })
    .sort(
      (a, b) =>
        a.priority - b.priority ||
        b.observedMs - a.observedMs ||
        compareSourceKeys(a.member, b.member),
    );
}
