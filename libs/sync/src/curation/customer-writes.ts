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
  const overrides = await tx.overrides.findFor([cluster.golden.id]);
  let split: ReturnType<typeof splitCustomer>;
  try {
    split = splitCustomer({
      cluster,
      parts: write.parts,
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
