import { type GoldenRecord, type SourceKey, type SourceObservation } from '@crosswalk/model';
import { diffGoldenRecords } from '../diff/golden-record.diff';
import { ReconcileErrorCode, ReconcileException } from '../reconcile.exception';
import {
  type CustomerChange,
  type CustomerCluster,
  type FieldOverride,
  type PairDecision,
  type SurvivorshipPolicy,
} from '../reconcile.types';
import { buildGoldenRecord } from '../survivorship/golden-record.builder';
import { compareSourceKeys, sourceKeyId } from '../support/compare';

/** One customer to cut out of another. */
export interface SplitPart {
  /** Its customer id: splitCustomerId(...) for a new one, the absorbed id for an unmerge. */
  id: string;
  /** The source records it takes (members of the cluster being split). */
  keys: SourceKey[];
  /**
   * For an unmerge: the golden record a merge absorbed, revived under its own id. Its version
   * continues from there and its createdAt is kept.
   */
  previous?: GoldenRecord;
  /** For a revived part: its own pins, kept under its id while it was absorbed. */
  overrides?: readonly FieldOverride[];
}

export interface SplitCustomerInput {
  cluster: CustomerCluster;
  parts: SplitPart[];
  policy: SurvivorshipPolicy;
  /** ISO 8601: updatedAt of every record, createdAt of new parts, decidedAt of the decisions. */
  now: string;
  /** Pins of the customer split: they stay with it (new parts start without pins). */
  overrides: readonly FieldOverride[];
  /** Who asked for the split, recorded on the decisions. */
  decidedBy: string;
}

export type SplitChange = Extract<CustomerChange, { type: 'split' }>;

export interface SplitCustomerResult {
  /** The customer that keeps the id first, then one per part, in the order given. */
  clusters: CustomerCluster[];
  change: SplitChange;
  /** `distinct` for every pair of records now in different customers (origin `split`). */
  decisions: PairDecision[];
}

/**
 * Cuts source records out of a customer into customers of their own (split), or gives an
 * absorbed customer its records back (unmerge). The customer keeps its id, its pins and every
 * record not named; the decisions returned keep later syncs from joining the groups again.
 * A part whose records are all deleted and that revives nothing is a silent customer
 * (version 0, see docs/reconciliation.md): it is in `clusters` but not in `change.parts`.
 */
export function splitCustomer(input: SplitCustomerInput): SplitCustomerResult {
  const original = input.cluster.golden;
  const groups = groupMembers(input);
  const [remaining, ...partMembers] = groups;
  if (remaining === undefined) throw inconsistent(original.id);

  const golden = buildGoldenRecord({
    id: original.id,
    members: remaining,
    policy: input.policy,
    now: input.now,
    previous: original,
    overrides: input.overrides,
  });
  const clusters: CustomerCluster[] = [{ golden, members: remaining }];
  input.parts.forEach((part, index) => {
    const members = partMembers[index];
    if (members === undefined) throw inconsistent(original.id);
    clusters.push({ golden: partGolden(part, members, input), members });
  });

  return {
    clusters,
    change: {
      type: 'split',
      customer: golden,
      previous: original,
      parts: clusters
        .slice(1)
        .flatMap((cluster) => (cluster.golden.version > 0 ? [cluster.golden] : [])),
      changes: diffGoldenRecords(original, golden),
    },
    decisions: distinctAcross(groups, input),
  };
}

/** The members left to the customer, then each part's, each sorted; refuses a bad split. */
function groupMembers(input: SplitCustomerInput): SourceObservation[][] {
  const original = input.cluster.golden;
  if (original.version === 0) {
    throw splitError(
      ReconcileErrorCode.SplitUnpublished,
      `customer ${original.id} was never published: there is nothing to split`,
      original.id,
    );
  }
  if (input.parts.length === 0) {
    throw splitError(
      ReconcileErrorCode.SplitWithoutParts,
      `a split of ${original.id} names no part`,
      original.id,
    );
  }
  const members = new Map(input.cluster.members.map((member) => [sourceKeyId(member), member]));
  const taken = new Set<string>();
  const partIds = new Set<string>();
  const parts = input.parts.map((part) => {
    assertPartId(part, original.id, partIds);
    partIds.add(part.id);
    if (part.keys.length === 0) {
      throw splitError(
        ReconcileErrorCode.SplitEmptyPart,
        `part ${part.id} of the split of ${original.id} names no source record`,
        original.id,
        { partId: part.id },
      );
    }
    return part.keys.map((key) => {
      const id = sourceKeyId(key);
      const member = members.get(id);
      if (member === undefined) {
        throw splitError(
          ReconcileErrorCode.SplitUnknownMember,
          `source record ${id} is not linked to customer ${original.id}`,
          original.id,
          { partId: part.id, source: key },
        );
      }
      if (taken.has(id)) {
        throw splitError(
          ReconcileErrorCode.SplitRepeatedMember,
          `source record ${id} is named twice in the split of ${original.id}`,
          original.id,
          { partId: part.id, source: key },
        );
      }
      taken.add(id);
      return member;
    });
  });
  const remaining = [...members].filter(([id]) => !taken.has(id)).map(([, member]) => member);
  // Left with deleted records only, the customer would turn deleted inside a split event, with
  // no deleted event and no snapshot tombstone for consumers.
  const live = (group: readonly SourceObservation[]) => group.some((member) => !member.deleted);
  if (remaining.length === 0 || (!live(remaining) && live(input.cluster.members))) {
    throw splitError(
      ReconcileErrorCode.SplitNothingLeft,
      `the split of ${original.id} leaves it no ${remaining.length === 0 ? '' : 'live '}source record`,
      original.id,
    );
  }
  return [remaining, ...parts].map((group) => [...group].sort(compareSourceKeys));
}

function assertPartId(part: SplitPart, originalId: string, seen: ReadonlySet<string>): void {
  let problem: string | undefined;
  if (part.id.trim() === '') problem = 'is empty';
  else if (part.id === originalId) problem = 'is the id of the customer split';
  else if (seen.has(part.id)) problem = 'is given to two parts';
  else if (part.previous !== undefined && part.previous.id !== part.id) {
    problem = `is not the id of its previous record ${part.previous.id}`;
  }
  if (problem !== undefined) {
    throw splitError(
      ReconcileErrorCode.SplitInvalidPartId,
      `part id ${part.id} of the split of ${originalId} ${problem}`,
      originalId,
      { partId: part.id },
    );
  }
}

/**
 * A part's golden record. A new part starts at version 1 (0 when it has only deleted
 * records); a revived one continues from its previous version, even when its content is
 * what it was, since consumers last saw it absorbed.
 */
function partGolden(
  part: SplitPart,
  members: readonly SourceObservation[],
  input: SplitCustomerInput,
): GoldenRecord {
  const built = buildGoldenRecord({
    id: part.id,
    members,
    policy: input.policy,
    now: input.now,
    previous: null,
    ...(part.overrides === undefined ? {} : { overrides: part.overrides }),
  });
  if (part.previous === undefined) return built;
  return {
    ...built,
    version: part.previous.version + 1,
    createdAt: part.previous.createdAt,
  };
}

function distinctAcross(
  groups: readonly (readonly SourceObservation[])[],
  input: SplitCustomerInput,
): PairDecision[] {
  const decisions: PairDecision[] = [];
  groups.forEach((group, index) => {
    for (const later of groups.slice(index + 1)) {
      for (const left of group) {
        for (const right of later) {
          decisions.push({
            left: keyOf(left),
            right: keyOf(right),
            verdict: 'distinct',
            origin: 'split',
            decidedBy: input.decidedBy,
            decidedAt: input.now,
          });
        }
      }
    }
  });
  return decisions;
}

function keyOf(key: SourceKey): SourceKey {
  return { connector: key.connector, object: key.object, externalId: key.externalId };
}

function splitError(
  code: ReconcileErrorCode,
  message: string,
  customerId: string,
  details: Record<string, unknown> = {},
): ReconcileException {
  return new ReconcileException(code, message, { customerId, ...details });
}

function inconsistent(customerId: string): ReconcileException {
  return new ReconcileException(
    ReconcileErrorCode.InconsistentState,
    `split of ${customerId} lost track of its groups`,
    { customerId },
  );
}
