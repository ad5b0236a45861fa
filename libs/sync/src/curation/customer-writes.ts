import { buildCustomerChangeMessages, publishedCount } from '@crosswalk/events';
import {
  type CustomerChange,
  type CustomerCluster,
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
  const parts = await withAbsorbedPartsRevived(tx, cluster.golden.id, write.parts, now);
  const overrides = await tx.overrides.findFor([cluster.golden.id]);
  let split: ReturnType<typeof splitCustomer>;
  try {
    split = splitCustomer({
      cluster,
      parts,
      policy: write.policy,
      now,
      overrides: overrides.get(cluster.golden.id) ?? [],
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
