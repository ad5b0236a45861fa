import { CodedError } from '@crosswalk/model';

/** Inputs that break reconciliation's contract: a caller bug, never a data problem. */
export enum ReconcileErrorCode {
  InvalidTimestamp = 'RECONCILE_INVALID_TIMESTAMP',
  InvalidPolicy = 'RECONCILE_INVALID_POLICY',
  EmptyCluster = 'RECONCILE_EMPTY_CLUSTER',
  DuplicateCluster = 'RECONCILE_DUPLICATE_CLUSTER',
  DuplicateMember = 'RECONCILE_DUPLICATE_MEMBER',
  UnknownCandidate = 'RECONCILE_UNKNOWN_CANDIDATE',
  /** A pinned value that does not fit its field, or two pins on one field. */
  InvalidOverride = 'RECONCILE_INVALID_OVERRIDE',
  /** A split that names no part. */
  SplitWithoutParts = 'RECONCILE_SPLIT_WITHOUT_PARTS',
  /** A split part naming a source record the customer does not hold. */
  SplitUnknownMember = 'RECONCILE_SPLIT_UNKNOWN_MEMBER',
  /** A source record named in two split parts (or twice in one). */
  SplitRepeatedMember = 'RECONCILE_SPLIT_REPEATED_MEMBER',
  SplitEmptyPart = 'RECONCILE_SPLIT_EMPTY_PART',
  /** A split that would leave the customer itself without a source record. */
  SplitNothingLeft = 'RECONCILE_SPLIT_NOTHING_LEFT',
  /** A part id equal to the customer's, repeated, empty, or not the id of its `previous`. */
  SplitInvalidPartId = 'RECONCILE_SPLIT_INVALID_PART_ID',
  /** A customer never published (every source deleted from the start) has nothing to split. */
  SplitUnpublished = 'RECONCILE_SPLIT_UNPUBLISHED',
  /** A bug in reconciliation itself. */
  InconsistentState = 'RECONCILE_INCONSISTENT_STATE',
}

export class ReconcileException extends CodedError<ReconcileErrorCode> {}
