import { Inject, Injectable } from '@nestjs/common';
import { type SandboxClock } from '../../common/sandbox-clock';
import { RecordStore } from '../data/record-store.service';
import { formatRestDateTime, parseUrlDateTime } from '../data/salesforce-datetime';
import { SalesforceApiError, SalesforceErrorCode } from '../errors/salesforce-api.error';
import { SANDBOX_CLOCK } from '../salesforce.tokens';
import { SchemaRegistry } from '../schema/schema-registry.service';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DELETED_WINDOW_DAYS = 15;
const UPDATED_WINDOW_DAYS = 30;
const MAX_IDS = 600_000;

export interface UpdatedResult {
  ids: string[];
  latestDateCovered: string;
}

export interface DeletedResult {
  deletedRecords: Array<{ id: string; deletedDate: string }>;
  earliestDateAvailable: string;
  latestDateCovered: string;
}

interface Window {
  readonly startMs: number;
  readonly coveredMs: number;
}

/** The replication resources `sobjects/<Object>/updated` and `/deleted` and their windows. */
@Injectable()
export class ReplicationService {
  constructor(
    @Inject(SANDBOX_CLOCK) private readonly clock: SandboxClock,
    private readonly schemas: SchemaRegistry,
    private readonly store: RecordStore,
  ) {}

  updated(objectName: string, start: unknown, end: unknown): UpdatedResult {
    const schema = this.schemas.require(objectName);
    const window = this.window(start, end, UPDATED_WINDOW_DAYS);
    const ids: string[] = [];
    const size = this.store.size(schema);
    for (let index = 0; index < size; index++) {
      const values = this.store.values(schema, index);
      const stamp = values.SystemModstamp;
      if (values.IsDeleted === true || typeof stamp !== 'number') continue;
      if (stamp >= window.startMs && stamp < window.coveredMs)
        ids.push(this.store.idAt(schema, index));
    }
    if (ids.length > MAX_IDS) throw tooManyIds();
    return { ids, latestDateCovered: formatRestDateTime(window.coveredMs) };
  }

  deleted(objectName: string, start: unknown, end: unknown): DeletedResult {
    const schema = this.schemas.require(objectName);
    const window = this.window(start, end, DELETED_WINDOW_DAYS);
    const deleted = this.store.deletedBetween(schema, window.startMs, window.coveredMs);
    if (deleted.length > MAX_IDS) throw tooManyIds();
    return {
      deletedRecords: deleted.map((entry) => ({
        id: entry.id,
        deletedDate: formatRestDateTime(entry.deletedDate),
      })),
      earliestDateAvailable: formatRestDateTime(this.earliestAvailable(DELETED_WINDOW_DAYS)),
      latestDateCovered: formatRestDateTime(window.coveredMs),
    };
  }

  /** Salesforce ignores seconds, refuses a start before the window and covers no further than now. */
  private window(start: unknown, end: unknown, days: number): Window {
    const startMs = typeof start === 'string' ? parseUrlDateTime(start) : undefined;
    const endMs = typeof end === 'string' ? parseUrlDateTime(end) : undefined;
    if (startMs === undefined || endMs === undefined) {
      throw replicationDate(
        'start and end must be dateTime values such as 2026-01-01T00:00:00+00:00',
      );
    }
    const startMinute = floorToMinute(startMs);
    const endMinute = floorToMinute(endMs);
    if (startMinute < this.earliestAvailable(days)) {
      throw replicationDate(`startDate cannot be more than ${days} days ago`);
    }
    if (endMinute - startMinute < MINUTE_MS) {
      throw replicationDate(
        'startDate must chronologically precede endDate by more than one minute',
      );
    }
    return {
      startMs: startMinute,
      coveredMs: Math.min(endMinute, floorToMinute(this.clock.nowMs())),
    };
  }

  private earliestAvailable(days: number): number {
    return floorToMinute(this.clock.nowMs() - days * DAY_MS);
  }
}

function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

function replicationDate(message: string): SalesforceApiError {
  return SalesforceApiError.badRequest(SalesforceErrorCode.InvalidReplicationDate, message);
}

function tooManyIds(): SalesforceApiError {
  return SalesforceApiError.badRequest(
    SalesforceErrorCode.ExceededIdLimit,
    'More than 600,000 ids found: choose start and end dates closer together',
  );
}
