import { customerChangeOf } from '../customer-change.builder';
import {
  type CustomerChange,
  type CustomerCluster,
  type FieldOverride,
  type SurvivorshipPolicy,
} from '../reconcile.types';
import { compareSourceKeys } from '../support/compare';
import { buildGoldenRecord } from './golden-record.builder';

export interface RebuildCustomerInput {
  cluster: CustomerCluster;
  policy: SurvivorshipPolicy;
  /** ISO 8601: updatedAt when the record changes. */
  now: string;
  /** Every pin the customer holds now (after the pin or unpin). */
  overrides: readonly FieldOverride[];
}

/**
 * Rebuilds one customer's golden record when no source changed but its pins did (a value was
 * pinned or unpinned). `change` is the `updated` change to publish, or null when the record
 * came out the same (then `cluster.golden` is the record given).
 */
export function rebuildCustomer(input: RebuildCustomerInput): {
  cluster: CustomerCluster;
  change: CustomerChange | null;
} {
  const previous = input.cluster.golden;
  const members = [...input.cluster.members].sort(compareSourceKeys);
  const golden = buildGoldenRecord({
    id: previous.id,
    members,
    policy: input.policy,
    now: input.now,
    previous,
    overrides: input.overrides,
  });
  return { cluster: { golden, members }, change: customerChangeOf(previous, golden) };
}
