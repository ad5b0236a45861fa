export * from './crosswalk-store';
export * from './data-source/store-options';
export type { StoredCheckpoint } from './repositories/checkpoint.repository';
export type { CustomerLink } from './repositories/customer-link.repository';
export type { QuarantineEntry } from './repositories/quarantine.repository';
export type {
  CustomerMembers,
  ReplicaState,
  ReplicaWrite,
  StoredSourceRecord,
} from './repositories/source-record.repository';
export type { SyncRun, SyncRunStatus, SyncRunTrigger } from './repositories/sync-run.repository';
