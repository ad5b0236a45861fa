import { type PairDecision } from '../reconcile.types';
import { compareStrings, sourceKeyId } from '../support/compare';
import { timestampMs } from '../support/timestamp';

/** A `same` decision seen from one of its two records. */
export interface SamePartner {
  /** sourceKeyId of the other record. */
  partnerId: string;
  decision: PairDecision;
}

/**
 * Remembered pair decisions, looked up by source record (sourceKeyId). When one pair was
 * decided more than once, the latest decision counts; on the same instant `distinct` wins,
 * since a wrong merge is worse than a missed one. A decision about a record and itself is
 * meaningless and dropped.
 */
export class PairDecisionIndex {
  private readonly distinct = new Map<string, Set<string>>();
  private readonly same = new Map<string, SamePartner[]>();

  constructor(decisions: readonly PairDecision[]) {
    const latest = new Map<string, { left: string; right: string; decision: PairDecision }>();
    for (const decision of decisions) {
      const [left, right] = [sourceKeyId(decision.left), sourceKeyId(decision.right)].sort(
        compareStrings,
      ) as [string, string];
      if (left === right) continue;
      const pair = JSON.stringify([left, right]);
      const held = latest.get(pair);
      if (held === undefined || outranks(decision, held.decision)) {
        latest.set(pair, { left, right, decision });
      }
    }
    for (const { left, right, decision } of latest.values()) {
      if (decision.verdict === 'distinct') {
        this.addDistinct(left, right);
        this.addDistinct(right, left);
      } else {
        this.addSame(left, right, decision);
        this.addSame(right, left, decision);
      }
    }
  }

  /** Records a person said are not the same as this one. */
  distinctFrom(memberId: string): ReadonlySet<string> {
    return this.distinct.get(memberId) ?? NONE;
  }

  areDistinct(a: string, b: string): boolean {
    return this.distinct.get(a)?.has(b) ?? false;
  }

  /** Records a person said are the same as this one, in source key order. */
  sameAs(memberId: string): readonly SamePartner[] {
    return this.same.get(memberId) ?? [];
  }

  private addDistinct(from: string, to: string): void {
    const set = this.distinct.get(from) ?? new Set<string>();
    set.add(to);
    this.distinct.set(from, set);
  }

  private addSame(from: string, to: string, decision: PairDecision): void {
    const list = this.same.get(from) ?? [];
    list.push({ partnerId: to, decision });
    list.sort((a, b) => compareStrings(a.partnerId, b.partnerId));
    this.same.set(from, list);
  }
}

const NONE: ReadonlySet<string> = new Set();

/** Later decisions win; on the same instant `distinct`, then a fixed order of the rest. */
function outranks(candidate: PairDecision, held: PairDecision): boolean {
  const byTime =
    timestampMs(candidate.decidedAt, 'decidedAt of a pair decision') -
    timestampMs(held.decidedAt, 'decidedAt of a pair decision');
  if (byTime !== 0) return byTime > 0;
  if (candidate.verdict !== held.verdict) return candidate.verdict === 'distinct';
  return (
    compareStrings(candidate.decidedBy, held.decidedBy) < 0 ||
    (candidate.decidedBy === held.decidedBy && compareStrings(candidate.origin, held.origin) < 0)
  );
}
