import { buildCustomerChangeMessages, publishedCount } from '@crosswalk/events';
import {
  type CustomerChange,
  type CustomerCluster,
  type FieldOverride,
  type Matcher,
  type ReconcileResult,
  type SplitPart,
  splitCustomer,
  type SurvivorshipPolicy,
} from '@crosswalk/reconcile';
import { type StoreTransaction } from '@crosswalk/store';
import { customerOfMembers, saveReconcileResult } from '../page/commit-page';
import { CurationErrorCode, CurationException } from './curation.exception';

export interface SplitWrite {
  cluster: CustomerCluster;
  parts: SplitPart[];
  policy: SurvivorshipPolicy;
  matcher: Matcher;
  now: string;
  decidedBy: string;
  /** Keep the parts apart in later runs (a person's split); a re-clustering does not. */
  remember: boolean;
}

/** Cuts parts out of a stored customer: golden records, links, keys, pins stay consistent. */
export async function writeSplit(tx: StoreTransaction, write: SplitWrite): Promise<CustomerChange> {
  const { cluster, now } = write;
  const revived = await withAbsorbedPartsRevived(tx, cluster.golden.id, write.parts, now);
  const { parts, kept } = await withPinsHandedBack(tx, cluster.golden.id, revived);
  let split: ReturnType<typeof splitCustomer>;
  try {
    split = splitCustomer({
      cluster,
      parts,
      policy: write.policy,
      now,
      overrides: kept,
      decidedBy: write.decidedBy,
    });
  } catch (error) {
    throw new CurationException(
      CurationErrorCode.InvalidSplit,
      error instanceof Error ? error.message : String(error),
      { customerId: cluster.golden.id },
      { cause: error },
    );
  }
  const previousCustomer = customerOfMembers([cluster]);
  const result: ReconcileResult = {
    clusters: split.clusters,
    absorbed: [],
    changes: [split.change],
    outcomes: [],
    reviews: [],
  };
  if (write.remember) await tx.decisions.record(split.decisions);
  await saveReconcileResult(tx, { matcher: write.matcher, now }, result, previousCustomer, 'split');
  await tx.reviews.supersedeInvolving([cluster.golden.id], now);
  return split.change;
}

/**
 * A part's id comes from the customer and the records cut off, so cutting the same records off
 * again (a sync merged the part back meanwhile) names a customer that exists, absorbed. It comes
 * back under its id and goes on from its last version, as an unmerge does: starting again at
 * version 1 would repeat its first events' ids. An id a live customer holds is refused.
 */
async function withAbsorbedPartsRevived(
  tx: StoreTransaction,
  customerId: string,
  parts: readonly SplitPart[],
  now: string,
): Promise<SplitPart[]> {
  const revived: SplitPart[] = [];
  for (const part of parts) {
    const previous = part.previous ?? (await tx.customers.findRecord(part.id));
    if (part.previous !== undefined || previous === null) {
      revived.push(part);
      continue;
    }
    if (!(await tx.customers.revive(part.id, now))) {
      throw new CurationException(
        CurationErrorCode.InvalidSplit,
        `part id ${part.id} of the split of ${customerId} is a live customer's`,
        { customerId, partId: part.id },
      );
    }
    revived.push({ ...part, previous });
  }
  return revived;
}

/**
 * A revived part takes back its own pins, kept under its id while it was absorbed; the copies
 * the merge gave the customer split are unpinned there, so it stops publishing them. Pins the
 * customer had itself (or took from elsewhere) stay.
 */
async function withPinsHandedBack(
  tx: StoreTransaction,
  customerId: string,
  parts: readonly SplitPart[],
): Promise<{ parts: SplitPart[]; kept: FieldOverride[] }> {
  const ids = parts.filter((part) => part.previous !== undefined).map((part) => part.id);
  const pins = await tx.overrides.findFor([customerId, ...ids]);
  const handedBack = new Set(
    ids.flatMap((id) => pins.get(id) ?? []).map((pin) => pinIdentity(pin)),
  );
  const kept: FieldOverride[] = [];
  for (const pin of pins.get(customerId) ?? []) {
    if (handedBack.has(pinIdentity(pin))) await tx.overrides.unpin(customerId, pin.field);
    else kept.push(pin);
  }
  return {
    parts: parts.map((part) => {
      const own = part.previous === undefined ? undefined : pins.get(part.id);
      return own === undefined ? part : { ...part, overrides: own };
    }),
    kept,
  };
}

/** One pin, wherever a merge copied it: its field, value and who pinned it when. */
function pinIdentity(pin: FieldOverride): string {
  return JSON.stringify([pin.field, pin.value, pin.pinnedBy, pin.pinnedAt]);
}

/** Outbox rows for changes, in order; returns how many messages they publish. */
export async function appendChangeMessages(
  tx: StoreTransaction,
  changes: readonly CustomerChange[],
  source: string,
  now: string,
): Promise<number> {
  const messages = changes.flatMap((change) =>
    buildCustomerChangeMessages(change, { source, now }),
  );
  if (messages.length > 0) await tx.outbox.append(messages, now);
  return publishedCount(messages);
}
