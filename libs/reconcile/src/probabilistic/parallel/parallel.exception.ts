import { CodedError } from '@crosswalk/model';

export enum ParallelErrorCode {
  /** Options a worker pool cannot run with. */
  InvalidOptions = 'PARALLEL_INVALID_OPTIONS',
  /** A worker thread failed or stopped with work in flight. */
  WorkerFailed = 'PARALLEL_WORKER_FAILED',
  /** Work handed to, or still in, a pool that was closed. */
  Closed = 'PARALLEL_CLOSED',
}

export class ParallelException extends CodedError<ParallelErrorCode> {}
