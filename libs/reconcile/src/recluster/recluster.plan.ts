import { compareStrings } from '../support/compare';

export interface ReclusterInput {
  /** Customer id each record belongs to now, by record index. */
  currentCustomer: readonly string[];
  /** Cluster of each record after re-clustering (any integer label, e.g. linkBatch's clusterOf). */
  clusterOf: ArrayLike<number>;
  /** createdAt (ms) of each current customer: the oldest survives a merge, as in the engine. */
  createdMs: ReadonlyMap<string, number>;
}

export interface ReclusterSplit {
  customerId: string;
  /** Record indexes of each part that leaves the customer (the rest stay with it). */
  parts: number[][];
}

export interface ReclusterPlan {
  /** Applied first: a customer whose records the new clustering puts in several clusters. */
  splits: ReclusterSplit[];
  /**
   * Applied after the splits: each entry names one record of every customer (kept or just
   * split off) that must become one; the first is a record of the survivor.
   */
  merges: number[][];
}

/**
 * The fewest splits and merges that turn the current customers into the new clustering.
 * Each current customer stays with the new cluster holding most of its records (ties: the
 * cluster whose smallest record index is lowest), so ids move as little as possible; records
 * elsewhere are split off, one part per new cluster; then every new cluster joins what it
 * holds. Pure and deterministic.
 */
export function planRecluster(input: ReclusterInput): ReclusterPlan {
  const { currentCustomer, clusterOf } = input;
  if (clusterOf.length !== currentCustomer.length) {
    throw new RangeError(
      `clusterOf has ${clusterOf.length} entries for ${currentCustomer.length} records`,
    );
  }
  // customer -> new cluster -> its record indexes (ascending, since indexes are visited in order)
  const spread = new Map<string, Map<number, number[]>>();
  for (let index = 0; index < currentCustomer.length; index += 1) {
    const customer = currentCustomer[index] as string;
    const cluster = clusterOf[index] as number;
    const byCluster = spread.get(customer) ?? new Map<number, number[]>();
    const records = byCluster.get(cluster) ?? [];
    records.push(index);
    byCluster.set(cluster, records);
    spread.set(customer, byCluster);
  }

  const splits: ReclusterSplit[] = [];
  // new cluster -> one representative record per unit (kept customer or split-off part)
  const units = new Map<number, { record: number; customer: string; kept: boolean }[]>();
  for (const customer of [...spread.keys()].sort(compareStrings)) {
    const byCluster = spread.get(customer) as Map<number, number[]>;
    const groups = [...byCluster.entries()].sort(
      ([, a], [, b]) => b.length - a.length || (a[0] as number) - (b[0] as number),
    );
    const parts: number[][] = [];
    groups.forEach(([cluster, records], position) => {
      const kept = position === 0;
      if (!kept) parts.push(records);
      const list = units.get(cluster) ?? [];
      list.push({ record: records[0] as number, customer, kept });
      units.set(cluster, list);
    });
    if (parts.length > 0) {
      parts.sort((a, b) => (a[0] as number) - (b[0] as number));
      splits.push({ customerId: customer, parts });
    }
  }

  const merges: number[][] = [];
  for (const list of units.values()) {
    if (list.length < 2) continue;
    // The survivor: the oldest kept customer, as the engine would choose; else any part.
    list.sort(
      (a, b) =>
        Number(b.kept) - Number(a.kept) ||
        (input.createdMs.get(a.customer) ?? 0) - (input.createdMs.get(b.customer) ?? 0) ||
        compareStrings(a.customer, b.customer) ||
        a.record - b.record,
    );
    merges.push(list.map((unit) => unit.record));
  }
  merges.sort((a, b) => (a[0] as number) - (b[0] as number));
  return { splits, merges };
}
