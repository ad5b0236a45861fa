import {
  DeterministicMatcher,
  type Matcher,
  type MatchModel,
  type MatchThresholds,
  ProbabilisticMatcher,
} from '@crosswalk/reconcile';
import { type StoreTransaction } from '@crosswalk/store';

export interface MatchingSettings {
  mode: 'probabilistic' | 'deterministic';
  /** Replace the stored model's thresholds. */
  thresholds: MatchThresholds | null;
}

export const DEFAULT_MATCHING_SETTINGS: MatchingSettings = {
  mode: 'probabilistic',
  thresholds: null,
};

export interface ResolvedMatcher {
  matcher: Matcher;
  /** Version of the stored model in use; null when matching on keys alone. */
  modelVersion: number | null;
  /** Why the configured matcher could not be used, for the run's warnings. */
  warning: string | null;
}

export const NO_MODEL_WARNING =
  'no match model is stored yet: records link on shared strong keys only until `crosswalk reconcile --full` trains one';

/** The matcher a run or a curation command uses: the stored model when there is one. */
export async function resolveMatcher(
  tx: StoreTransaction,
  settings: MatchingSettings,
): Promise<ResolvedMatcher> {
  if (settings.mode === 'deterministic') {
    return { matcher: new DeterministicMatcher(), modelVersion: null, warning: null };
  }
  const stored = await tx.models.findActive();
  if (stored === null) {
    return { matcher: new DeterministicMatcher(), modelVersion: null, warning: NO_MODEL_WARNING };
  }
  return {
    // The scorer checks the stored JSON against the comparisons and refuses one that does not fit.
    matcher: probabilisticMatcherOf(stored.model as MatchModel, settings),
    modelVersion: stored.version,
    warning: null,
  };
}

export function probabilisticMatcherOf(
  model: MatchModel,
  settings: MatchingSettings,
): ProbabilisticMatcher {
  return new ProbabilisticMatcher(
    settings.thresholds === null ? model : { ...model, thresholds: { ...settings.thresholds } },
  );
}
