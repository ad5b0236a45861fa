import { type Checkpoint } from '../port/connector.port';
import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';

/** A file the connector has finished with; `failed` ones go to failed/. */
export interface FinishedFile {
  name: string;
  checksum: string;
  outcome: 'processed' | 'failed';
  records: number;
  rejected: number;
  /** Why the file failed (a reject code and its reason). */
  code?: string;
  reason?: string;
}

/** The file being read and where inside it the next page starts. */
export interface CurrentFile {
  name: string;
  checksum: string;
  offset: number;
  line: number;
  records: number;
  rejected: number;
  /** Column names taken from the header row. */
  columns?: string[];
}

export interface ErpFileCheckpoint {
  files: FinishedFile[];
  current: CurrentFile | null;
}

const EMPTY: ErpFileCheckpoint = { files: [], current: null };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFinishedFile(value: unknown): value is FinishedFile {
  return (
    isRecord(value) &&
    typeof value['name'] === 'string' &&
    typeof value['checksum'] === 'string' &&
    (value['outcome'] === 'processed' || value['outcome'] === 'failed') &&
    typeof value['records'] === 'number' &&
    typeof value['rejected'] === 'number'
  );
}

function isCurrentFile(value: unknown): value is CurrentFile {
  return (
    isRecord(value) &&
    typeof value['name'] === 'string' &&
    typeof value['checksum'] === 'string' &&
    Number.isInteger(value['offset']) &&
    Number.isInteger(value['line']) &&
    typeof value['records'] === 'number' &&
    typeof value['rejected'] === 'number' &&
    (value['columns'] === undefined ||
      (Array.isArray(value['columns']) && value['columns'].every((c) => typeof c === 'string')))
  );
}

/** Reads a stored checkpoint; null means start from an empty history. */
export function parseErpFileCheckpoint(checkpoint: Checkpoint | null): ErpFileCheckpoint {
  if (checkpoint === null) return EMPTY;
  const { files, current } = checkpoint;
  if (
    Array.isArray(files) &&
    files.every(isFinishedFile) &&
    (current === null || isCurrentFile(current))
  ) {
    return { files, current };
  }
  throw new ConnectorError(
    ConnectorErrorCode.CursorInvalid,
    'erp-file checkpoint is not of the expected shape {files, current}',
  );
}

export function toCheckpoint(state: ErpFileCheckpoint): Checkpoint {
  return { files: state.files, current: state.current };
}
