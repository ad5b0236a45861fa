import { type BoundQuery } from '../soql/soql-binder';

export type BulkJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';
export type BulkQueryOperation = 'query' | 'queryAll';

export interface BulkQueryJob {
  readonly id: string;
  readonly operation: BulkQueryOperation;
  readonly query: BoundQuery;
  readonly apiVersion: string;
  readonly createdById: string;
  readonly createdDate: number;
  state: BulkJobState;
  systemModstamp: number;
  statusPolls: number;
  /** Record indexes of the result, fixed when the job completes. */
  result: readonly number[] | undefined;
  totalProcessingTime: number;
}

/** Job info as Bulk API 2.0 returns it. */
export interface BulkQueryJobInfo {
  id: string;
  operation: BulkQueryOperation;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: BulkJobState;
  concurrencyMode: 'Parallel';
  contentType: 'CSV';
  apiVersion: number;
  jobType: 'V2Query';
  lineEnding: 'LF';
  columnDelimiter: 'COMMA';
  numberRecordsProcessed: number;
  retries: number;
  totalProcessingTime: number;
}
