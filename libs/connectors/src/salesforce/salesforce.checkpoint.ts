import { type Checkpoint } from '../port/connector.port';
import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';
import { type KeysetPosition, rewind } from './soql.builder';

export type BulkOperation = 'query' | 'queryAll';

/**
 * A Bulk API 2.0 snapshot in progress: the records after `from` up to `upTo` (SystemModstamp,
 * inclusive). Its results come unordered, so the job and the locator of the next page are the
 * resume point; a job Salesforce no longer has is run again over the same window (re-reads,
 * which the content hash makes free, never a gap).
 */
export type BulkSnapshot = {
  jobId: string;
  operation: BulkOperation;
  from: KeysetPosition | null;
  upTo: string;
  /** `Sforce-Locator` of the next results page; null before the first. */
  locator: string | null;
  /** Records handed out from this job so far. */
  done: number;
};

/** Where one object stands. */
export type ObjectCursor = {
  /** Every record up to here in (SystemModstamp, Id) order has been read; null before any. */
  after: KeysetPosition | null;
  /** The initial load finished: later scans use queryAll, so deleted records come too. */
  loaded: boolean;
  /** The last read reached the end: the next run starts `overlapSeconds` before `after`. */
  caughtUp: boolean;
  /** Deletes are known up to this time: the next getDeleted window starts here. */
  deletesUpTo: string | null;
  bulk: BulkSnapshot | null;
};

// types, not interfaces: a checkpoint must be assignable to the port's JSON record type
export type SalesforceCheckpoint = {
  version: 1;
  objects: Record<string, ObjectCursor>;
};

export const EMPTY_CURSOR: ObjectCursor = {
  after: null,
  loaded: false,
  caughtUp: false,
  deletesUpTo: null,
  bulk: null,
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStamp = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

function parsePosition(value: unknown): KeysetPosition | null | undefined {
  if (value === null) return null;
  if (!isObject(value) || !isStamp(value['ts'])) return undefined;
  const id = value['id'];
  if (id !== null && typeof id !== 'string') return undefined;
  return { ts: value['ts'], id };
}

function parseBulk(value: unknown): BulkSnapshot | null | undefined {
  if (value === null || value === undefined) return null;
  if (!isObject(value)) return undefined;
  const { jobId, operation, upTo, locator, done } = value;
  const from = parsePosition(value['from'] ?? null);
  if (
    typeof jobId !== 'string' ||
    (operation !== 'query' && operation !== 'queryAll') ||
    from === undefined ||
    !isStamp(upTo) ||
    (locator !== null && typeof locator !== 'string') ||
    typeof done !== 'number'
  ) {
    return undefined;
  }
  return { jobId, operation, from, upTo, locator, done };
}

function parseCursor(value: unknown): ObjectCursor | undefined {
  if (!isObject(value)) return undefined;
  const after = parsePosition(value['after'] ?? null);
  const bulk = parseBulk(value['bulk']);
  const deletesUpTo = value['deletesUpTo'] ?? null;
  const { loaded, caughtUp } = value;
  if (
    after === undefined ||
    bulk === undefined ||
    typeof loaded !== 'boolean' ||
    typeof caughtUp !== 'boolean' ||
    (deletesUpTo !== null && !isStamp(deletesUpTo))
  ) {
    return undefined;
  }
  return { after, loaded, caughtUp, deletesUpTo, bulk };
}

/** Reads a stored checkpoint; an unknown shape is a cursor error (sync will not retry it). */
export function parseSalesforceCheckpoint(checkpoint: Checkpoint | null): SalesforceCheckpoint {
  if (checkpoint === null) return { version: 1, objects: {} };
  const objects: Record<string, ObjectCursor> = {};
  const stored = checkpoint['objects'];
  if (checkpoint['version'] === 1 && isObject(stored)) {
    let valid = true;
    for (const [name, value] of Object.entries(stored)) {
      const cursor = parseCursor(value);
      if (cursor) objects[name] = cursor;
      else valid = false;
    }
    if (valid) return { version: 1, objects };
  }
  throw new ConnectorError(
    ConnectorErrorCode.CursorInvalid,
    'salesforce checkpoint is not of the expected shape {version: 1, objects: {<object>: cursor}}',
  );
}

/** The cursor of `object` (a new object starts from nothing). */
export function cursorOf(checkpoint: SalesforceCheckpoint, object: string): ObjectCursor {
  return checkpoint.objects[object] ?? EMPTY_CURSOR;
}

/** A new checkpoint with `object`'s cursor replaced; the others are kept as they are. */
export function withCursor(
  checkpoint: SalesforceCheckpoint,
  object: string,
  cursor: ObjectCursor,
): SalesforceCheckpoint {
  return { version: 1, objects: { ...checkpoint.objects, [object]: cursor } };
}

/**
 * Where this run's scan of an object starts. A cursor left mid-way (a crash, a failed page)
 * resumes exactly where it stopped; a cursor that had caught up re-reads the overlap window
 * before it, for records whose SystemModstamp was stamped before the cursor but committed
 * after the read. Rewinding only from a caught-up cursor keeps repeated crashes from walking
 * the cursor backwards.
 */
export function scanStart(cursor: ObjectCursor, overlapSeconds: number): KeysetPosition | null {
  if (cursor.after === null) return null;
  return cursor.caughtUp ? rewind(cursor.after, overlapSeconds) : cursor.after;
}

/** The cursor after a page of the ordered (REST) scan. */
export function afterRestPage(
  cursor: ObjectCursor,
  last: KeysetPosition | null,
  done: boolean,
): ObjectCursor {
  return {
    ...cursor,
    after: last ?? cursor.after,
    caughtUp: done,
    loaded: cursor.loaded || done,
  };
}

/** The cursor after a page of a Bulk snapshot; its last page moves `after` to the snapshot's top. */
export function afterBulkPage(
  cursor: ObjectCursor,
  snapshot: BulkSnapshot,
  nextLocator: string | null,
  records: number,
): ObjectCursor {
  if (nextLocator === null) {
    return { ...cursor, after: { ts: snapshot.upTo, id: null }, caughtUp: false, bulk: null };
  }
  return {
    ...cursor,
    caughtUp: false,
    bulk: { ...snapshot, locator: nextLocator, done: snapshot.done + records },
  };
}

/** Whether a getDeleted window starting at `since` is still inside Salesforce's retention. */
export function deletesWindowOpen(since: string, now: number, windowDays: number): boolean {
  return Date.parse(since) >= now - windowDays * 86_400_000;
}
