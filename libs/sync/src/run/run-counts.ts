/** What one run did, record by record; kept on the run row and printed by the CLI. */
export interface RunCounts {
  read: number;
  unchanged: number;
  created: number;
  updated: number;
  merged: number;
  deleted: number;
  quarantined: number;
  failed: number;
  events: number;
  /** Uncertain matches sent to the review queue. */
  reviews: number;
}

export function emptyRunCounts(): RunCounts {
  return {
    read: 0,
    unchanged: 0,
    created: 0,
    updated: 0,
    merged: 0,
    deleted: 0,
    quarantined: 0,
    failed: 0,
    events: 0,
    reviews: 0,
  };
}

export function addRunCounts(total: RunCounts, page: RunCounts): RunCounts {
  const sum = { ...total };
  for (const key of Object.keys(sum) as (keyof RunCounts)[]) sum[key] += page[key];
  return sum;
}
