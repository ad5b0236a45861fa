import { CodedError } from '@crosswalk/model';

export enum SyncErrorCode {
  AlreadyRunning = 'SYNC_ALREADY_RUNNING',
  UnknownConnector = 'SYNC_UNKNOWN_CONNECTOR',
  SourceFailed = 'SYNC_SOURCE_FAILED',
  RetriesExhausted = 'SYNC_RETRIES_EXHAUSTED',
  LeaseLost = 'SYNC_LEASE_LOST',
  Aborted = 'SYNC_ABORTED',
}

export class SyncError extends CodedError<SyncErrorCode> {}
