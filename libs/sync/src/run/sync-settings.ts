import { type SurvivorshipPolicy } from '@crosswalk/reconcile';

/** Settings every run shares, from the validated config. */
export interface SyncSettings {
  policy: SurvivorshipPolicy;
  /** How long a run's lease lasts without renewal; renewed at a third of it. */
  leaseTtlMs: number;
  /** Attempts at a page read that fails with a temporary or rate-limit error. */
  maxAttempts: number;
  /** First backoff; doubles each attempt, with jitter, capped at a minute. */
  backoffMs: number;
}

export const DEFAULT_SYNC_SETTINGS: Omit<SyncSettings, 'policy'> = {
  leaseTtlMs: 60_000,
  maxAttempts: 5,
  backoffMs: 1_000,
};
