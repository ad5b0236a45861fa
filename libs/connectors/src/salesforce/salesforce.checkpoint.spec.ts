import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';
import {
  afterBulkPage,
  afterRestPage,
  type BulkSnapshot,
  cursorOf,
  deletesWindowOpen,
  EMPTY_CURSOR,
  type ObjectCursor,
  parseSalesforceCheckpoint,
  scanStart,
  withCursor,
} from './salesforce.checkpoint';

const T = '2024-03-01T10:00:00.000Z';
const cursor = (plain: Partial<ObjectCursor>): ObjectCursor => ({ ...EMPTY_CURSOR, ...plain });

describe('salesforce checkpoint', () => {
  it('starts from nothing and round-trips through JSON', () => {
    const start = parseSalesforceCheckpoint(null);
    expect(cursorOf(start, 'Account')).toEqual(EMPTY_CURSOR);
    const bulk: BulkSnapshot = {
      jobId: '750A',
      operation: 'query',
      from: null,
      upTo: T,
      locator: 'MTAwMDA',
      done: 10_000,
    };
    const next = withCursor(start, 'Account', cursor({ bulk, deletesUpTo: T }));
    const stored = JSON.parse(JSON.stringify(next)) as Record<string, unknown>;
    expect(parseSalesforceCheckpoint(stored)).toEqual(next);
    expect(cursorOf(next, 'Contact')).toEqual(EMPTY_CURSOR);
  });

  it.each([
    ['another shape', { nullsDone: true }],
    [
      'a bad position',
      { version: 1, objects: { Account: { ...EMPTY_CURSOR, after: { ts: 'x', id: null } } } },
    ],
    ['a bad bulk', { version: 1, objects: { Account: { ...EMPTY_CURSOR, bulk: { jobId: 1 } } } }],
  ])('refuses %s as an invalid cursor', (_case, stored) => {
    let error: unknown;
    try {
      parseSalesforceCheckpoint(stored);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe(ConnectorErrorCode.CursorInvalid);
  });

  it.each([
    ['never read', cursor({}), 0, null],
    [
      'left mid-way: exactly where it stopped',
      cursor({ after: { ts: T, id: '001B' } }),
      300,
      { ts: T, id: '001B' },
    ],
    [
      'caught up: the overlap window before it',
      cursor({ after: { ts: T, id: '001B' }, caughtUp: true, loaded: true }),
      300,
      { ts: '2024-03-01T09:55:00.000Z', id: null },
    ],
  ])('a scan %s starts at the right place', (_case, stored, overlap, expected) => {
    expect(scanStart(stored, overlap)).toEqual(expected);
  });

  it('moves with REST pages and marks the load done at the end', () => {
    const mid = afterRestPage(EMPTY_CURSOR, { ts: T, id: '001B' }, false);
    expect(mid).toEqual(cursor({ after: { ts: T, id: '001B' } }));
    const end = afterRestPage(mid, null, true);
    expect(end).toEqual(cursor({ after: { ts: T, id: '001B' }, caughtUp: true, loaded: true }));
  });

  it('keeps the job and the next locator during a Bulk snapshot and moves to its top after', () => {
    const snapshot: BulkSnapshot = {
      jobId: '750A',
      operation: 'query',
      from: null,
      upTo: T,
      locator: null,
      done: 0,
    };
    const first = afterBulkPage(cursor({ bulk: snapshot }), snapshot, 'L1', 500);
    expect(first.bulk).toEqual({ ...snapshot, locator: 'L1', done: 500 });
    expect(first.after).toBeNull();
    const last = afterBulkPage(first, first.bulk ?? snapshot, null, 20);
    expect(last).toEqual(cursor({ after: { ts: T, id: null } }));
  });

  it('knows when the getDeleted window no longer reaches the last pass', () => {
    const now = Date.parse('2024-03-20T00:00:00Z');
    expect(deletesWindowOpen('2024-03-06T00:00:00Z', now, 15)).toBe(true);
    expect(deletesWindowOpen('2024-03-04T23:59:59Z', now, 15)).toBe(false);
  });
});
