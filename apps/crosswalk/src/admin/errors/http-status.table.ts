import { HttpStatus } from '@nestjs/common';
import { MatchModelErrorCode, ReconcileErrorCode } from '@crosswalk/reconcile';
import { StoreErrorCode } from '@crosswalk/store';
import { CurationErrorCode, SyncErrorCode } from '@crosswalk/sync';

/**
 * The HTTP status of every coded error a use case behind the admin API can raise. The tables
 * are exhaustive on purpose: a new code does not compile until it is given a status here.
 */
const SYNC_STATUS: Record<SyncErrorCode, HttpStatus> = {
  [SyncErrorCode.AlreadyRunning]: HttpStatus.CONFLICT,
  [SyncErrorCode.LeaseLost]: HttpStatus.CONFLICT,
  [SyncErrorCode.UnknownConnector]: HttpStatus.NOT_FOUND,
  [SyncErrorCode.SourceFailed]: HttpStatus.BAD_GATEWAY,
  [SyncErrorCode.RetriesExhausted]: HttpStatus.BAD_GATEWAY,
  [SyncErrorCode.Aborted]: HttpStatus.SERVICE_UNAVAILABLE,
};

const RECONCILE_STATUS: Record<ReconcileErrorCode, HttpStatus> = {
  [ReconcileErrorCode.InvalidOverride]: HttpStatus.BAD_REQUEST,
  [ReconcileErrorCode.SplitWithoutParts]: HttpStatus.BAD_REQUEST,
  [ReconcileErrorCode.SplitUnknownMember]: HttpStatus.BAD_REQUEST,
  [ReconcileErrorCode.SplitRepeatedMember]: HttpStatus.BAD_REQUEST,
  [ReconcileErrorCode.SplitEmptyPart]: HttpStatus.BAD_REQUEST,
  [ReconcileErrorCode.SplitNothingLeft]: HttpStatus.BAD_REQUEST,
  [ReconcileErrorCode.SplitInvalidPartId]: HttpStatus.BAD_REQUEST,
  [ReconcileErrorCode.SplitUnpublished]: HttpStatus.CONFLICT,
  [ReconcileErrorCode.UnknownCandidate]: HttpStatus.NOT_FOUND,
  // Caller bugs and broken invariants inside the engine, never the operator's input.
  [ReconcileErrorCode.InvalidTimestamp]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ReconcileErrorCode.InvalidPolicy]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ReconcileErrorCode.EmptyCluster]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ReconcileErrorCode.DuplicateCluster]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ReconcileErrorCode.DuplicateMember]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ReconcileErrorCode.InconsistentState]: HttpStatus.INTERNAL_SERVER_ERROR,
};

const MATCH_MODEL_STATUS: Record<MatchModelErrorCode, HttpStatus> = {
  [MatchModelErrorCode.InvalidDecision]: HttpStatus.BAD_REQUEST,
  [MatchModelErrorCode.InvalidModel]: HttpStatus.INTERNAL_SERVER_ERROR,
};

const CURATION_STATUS: Record<CurationErrorCode, HttpStatus> = {
  [CurationErrorCode.CustomerNotFound]: HttpStatus.NOT_FOUND,
  [CurationErrorCode.ReviewNotFound]: HttpStatus.NOT_FOUND,
  [CurationErrorCode.ReviewDecided]: HttpStatus.CONFLICT,
  [CurationErrorCode.InvalidField]: HttpStatus.BAD_REQUEST,
  [CurationErrorCode.InvalidValue]: HttpStatus.BAD_REQUEST,
  [CurationErrorCode.InvalidSplit]: HttpStatus.BAD_REQUEST,
  [CurationErrorCode.NotAbsorbed]: HttpStatus.BAD_REQUEST,
};

const STORE_STATUS: Record<StoreErrorCode, HttpStatus> = {
  // a review page cursor this store did not issue
  [StoreErrorCode.InvalidCursor]: HttpStatus.BAD_REQUEST,
  // the store's own code built a row its table cannot hold
  [StoreErrorCode.InvalidColumnValue]: HttpStatus.INTERNAL_SERVER_ERROR,
};

const STATUS_BY_CODE: ReadonlyMap<string, HttpStatus> = new Map<string, HttpStatus>([
  ...Object.entries(CURATION_STATUS),
  ...Object.entries(SYNC_STATUS),
  ...Object.entries(RECONCILE_STATUS),
  ...Object.entries(MATCH_MODEL_STATUS),
  ...Object.entries(STORE_STATUS),
]);

/** 500 for a code no table knows: an error nobody meant the operator to see. */
export function httpStatusOfCode(code: string): HttpStatus {
  return STATUS_BY_CODE.get(code) ?? HttpStatus.INTERNAL_SERVER_ERROR;
}
