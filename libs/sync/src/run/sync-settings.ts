import { type SurvivorshipPolicy } from '@crosswalk/reconcile';
import { DEFAULT_MATCHING_SETTINGS, type MatchingSettings } from '../match/matcher.resolver';

/** Settings every run shares, from the validated config. */
export interface SyncSettings {
  policy: SurvivorshipPolicy;
  matching: MatchingSettings;
  /** Region for phone numbers an operator pins without a country code. */
  defaultRegion: string;
  /** How long a run's lease lasts without renewal; renewed at a third of it. */
  leaseTtlMs: number;
  /** Attempts at a page read that fails with a temporary or rate-limit error. */
  maxAttempts: number;
  /** First backoff; doubles each attempt, with jitter, capped at a minute. */
  backoffMs: number;
}

export const DEFAULT_SYNC_SETTINGS: Omit<SyncSettings, 'policy' | 'defaultRegion'> = {
  matching: DEFAULT_MATCHING_SETTINGS,
  leaseTtlMs: 60_000,
  maxAttempts: 5,
  backoffMs: 1_000,
};
