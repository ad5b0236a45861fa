export * from './crosswalk-store';
export * from './data-source/store-options';
export type { StoredCheckpoint } from './repositories/checkpoint.repository';
export type { CustomerLink, StoredCustomerLink } from './repositories/customer-link.repository';
export type { PinnableField, StoredFieldOverride } from './repositories/field-override.repository';
export type { ActiveMatchModel, MatchModelVersion } from './repositories/match-model.repository';
export {
  matchReviewId,
  type MatchReviewPage,
  type MatchReviewStatus,
  type ProposedReview,
  type ReviewCandidate,
  type StoredMatchReview,
} from './repositories/match-review.repository';
export { canonicalPair, type StoredPairDecision } from './repositories/pair-decision.repository';
export type { QuarantineEntry } from './repositories/quarantine.repository';
export type {
  CustomerMembers,
  ReplicaObservation,
  ReplicaState,
  ReplicaWrite,
  StoredSourceRecord,
} from './repositories/source-record.repository';
export type { SyncRun, SyncRunStatus, SyncRunTrigger } from './repositories/sync-run.repository';
export { StoreErrorCode, StoreException } from './store.exception';
