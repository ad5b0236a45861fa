import { type SourceConnector } from '@crosswalk/connectors';
import { type SyncRunTrigger } from '@crosswalk/store';
import { type RecordMapper } from '../page/record-mapper';
import { type RunCounts } from './run-counts';

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
  startedAt: string;
  finishedAt: string;
}
