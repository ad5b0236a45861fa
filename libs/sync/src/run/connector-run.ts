import { type SourceConnector } from '@crosswalk/connectors';
import { type SyncRunTrigger } from '@crosswalk/store';
import { type RecordMapper } from '../page/record-mapper';
import { type RunCounts } from './run-counts';
import { type RunTimings } from './stage-clock';

/** One connector, ready to run: the instance, its mapping and page size. */
export interface ConnectorRunTarget {
  name: string;
  pageSize: number;
  connector: SourceConnector;
  mapper: RecordMapper;
}

export interface RunProgress {
  connector: string;
  runId: string;
  counts: RunCounts;
  done?: number;
  total?: number;
}

export interface RunOptions {
  trigger: SyncRunTrigger;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
}

export interface RunSummary {
  runId: string;
  connector: string;
  counts: RunCounts;
  /** Where the run's time went (the source, preparing, reconciling, the store), and idle time. */
  timings: RunTimings;
  /** What the source reported but did not stop for (a mapped field gone from its schema...). */
  warnings: string[];
  /** Objects whose deletes only a full id diff can find now (the source's delete log is too short). */
  requiresFullDeleteDiff: string[];
  startedAt: string;
  finishedAt: string;
}
