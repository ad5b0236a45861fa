import { CodedError } from '@crosswalk/model';

/** Inputs that break reconciliation's contract: a caller bug, never a data problem. */
export enum ReconcileErrorCode {
  InvalidTimestamp = 'RECONCILE_INVALID_TIMESTAMP',
  InvalidPolicy = 'RECONCILE_INVALID_POLICY',
  EmptyCluster = 'RECONCILE_EMPTY_CLUSTER',
  DuplicateCluster = 'RECONCILE_DUPLICATE_CLUSTER',
  DuplicateMember = 'RECONCILE_DUPLICATE_MEMBER',
  UnknownCandidate = 'RECONCILE_UNKNOWN_CANDIDATE',
  /** A bug in reconciliation itself. */
  InconsistentState = 'RECONCILE_INCONSISTENT_STATE',
}

export class ReconcileException extends CodedError<ReconcileErrorCode> {}
