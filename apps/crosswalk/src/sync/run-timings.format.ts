import { type RunTimings } from '@crosswalk/sync';

/** `read 0.01, prepare 0.50, reconcile 1.26, store 12.00 (idle 4.50)`: seconds per stage. */
export function formatRunTimings(timings: RunTimings): string {
  const stages = (['read', 'prepare', 'reconcile', 'store'] as const)
    .map((stage) => `${stage} ${formatSeconds(timings[stage])}`)
    .join(', ');
  return `${stages} (idle ${formatSeconds(timings.idle)})`;
}

export function formatSeconds(value: number): string {
  return value.toFixed(2);
}
