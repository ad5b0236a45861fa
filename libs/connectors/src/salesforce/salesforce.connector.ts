import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger } from '@nestjs/common';
import {
  type ConnectorContext,
  type RawSourceRecord,
  type ReadRequest,
  type RejectedRecord,
  type SourceConnector,
  type SourceObjectDescription,
  type SourcePage,
} from '../port/connector.port';
import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';
import { parseBulkCsvPage } from './bulk-csv.parser';
import {
  describeMissingFields,
  type FieldSelection,
  resolveFieldSelection,
} from './field-selection.resolver';
import { mapCsvRecords, mapRestRecords, normaliseValue } from './salesforce-record.mapper';
import {
  afterBulkPage,
  afterRestPage,
  type BulkSnapshot,
  cursorOf,
  deletesWindowOpen,
  type ObjectCursor,
  parseSalesforceCheckpoint,
  type SalesforceCheckpoint,
  scanStart,
  withCursor,
} from './salesforce.checkpoint';
import { type DeletedResult } from 'jsforce';
import { type QueryJobInfoV2 } from 'jsforce/lib/api/bulk2';
import { type QueryBatch, SalesforceClient } from './salesforce.client';
import {
  type SalesforceConnectorOptions,
  type SalesforceObjectOptions,
} from './salesforce.options';
import {
  byIdsQuery,
  countQuery,
  type KeysetPosition,
  latestStampQuery,
  scanQuery,
  type SoqlScope,
  soqlString,
  unorderedQuery,
} from './soql.builder';
import { DELETED_WINDOW_DAYS, SALESFORCE_CONNECTOR_TYPE } from './salesforce.constants';

/** Ids per `WHERE Id IN (...)` query: keeps the URL well under Salesforce's limit. */
const IDS_PER_QUERY = 200;
/** getDeleted refuses a window shorter than a minute (it ignores seconds): wait for a longer one. */
const MIN_DELETED_WINDOW_MS = 120_000;

/** One step of an object's read: a page's content and the cursor once it has committed. */
interface ObjectStep {
  records: RawSourceRecord[];
  rejected: RejectedRecord[];
  cursor: ObjectCursor;
  fullDeleteDiff?: boolean;
}

interface RunProgress {
  done: number;
  total: number;
}

/**
 * Reads Salesforce objects incrementally on (SystemModstamp, Id), by REST below the Bulk
 * threshold and by Bulk API 2.0 query jobs above it, with deletes from queryAll and the
 * getDeleted resource. See docs/connectors-salesforce.md for the semantics.
 */
export class SalesforceConnector implements SourceConnector {
  readonly type = SALESFORCE_CONNECTOR_TYPE;
  /** Cursors and Bulk jobs live in the read; a dropped page is read again from the checkpoint. */
  readonly readAhead = true;
  readonly name: string;
  private readonly options: SalesforceConnectorOptions;
  private readonly logger: Logger;
  private readonly client: SalesforceClient;

  constructor(context: ConnectorContext<SalesforceConnectorOptions>) {
    this.name = context.name;
    this.options = context.options;
    this.logger = context.logger;
    this.client = new SalesforceClient(context.name, context.options, context.logger);
  }

  async discover(): Promise<SourceObjectDescription[]> {
    const described: SourceObjectDescription[] = [];
    for (const object of this.options.objects) {
      const result = await this.client.describe(object.name);
      described.push({
        name: object.name,
        fields: result.fields.map((f) => ({ name: f.name, type: f.type })),
      });
    }
    return described;
  }

  async *read(request: ReadRequest): AsyncGenerator<SourcePage> {
    let checkpoint: SalesforceCheckpoint = parseSalesforceCheckpoint(request.checkpoint);
    const progress: RunProgress = { done: 0, total: 0 };
    for (const object of this.options.objects) {
      request.signal?.throwIfAborted();
      const selection = await this.selection(object);
      const drift = describeMissingFields(selection);
      if (drift) this.logger.warn(`${this.name}: ${drift}`);
      let warnings = drift ? [drift] : undefined;
      const steps = this.readObject(
        object,
        selection,
        cursorOf(checkpoint, object.name),
        request,
        progress,
      );
      for await (const step of steps) {
        checkpoint = withCursor(checkpoint, object.name, step.cursor);
        progress.done += step.records.length + step.rejected.length;
        yield {
          records: step.records,
          rejected: step.rejected,
          checkpoint: checkpoint,
          progress: { done: progress.done, total: Math.max(progress.total, progress.done) },
          ...(warnings ? { warnings } : {}),
          ...(step.fullDeleteDiff ? { requiresFullDeleteDiff: [object.name] } : {}),
        };
        warnings = undefined;
      }
      if (warnings) {
        // nothing to read, but the drift must still be reported
        yield { records: [], rejected: [], checkpoint: checkpoint, warnings };
      }
    }
  }

  /** Ids of the live records of `object` (in its `where` scope), in chunks: the full delete diff. */
  async *listExternalIds(object: string): AsyncGenerator<string[]> {
    const options = this.objectOptions(object);
    const chunk = this.options.idChunkSize;
    const estimate = await this.count(
      { object, ...(options.where ? { where: options.where } : {}) },
      false,
    );
    if (estimate > this.options.bulkThreshold) {
      const soql = unorderedQuery(['Id'], {
        object,
        ...(options.where ? { where: options.where } : {}),
      });
      const job = await this.client.createQueryJob(soql, 'query');
      if ((await this.waitForJob(job.id)) === 'gone') throw this.jobGone(job.id);
      let locator: string | null = null;
      do {
        const page = await this.client.queryJobResults(job.id, locator, chunk);
        const { rows } = parseBulkCsvPage(object, page.csv);
        const ids = rows.map((row) => row['Id'] ?? row['ID'] ?? '').filter((id) => id !== '');
        if (ids.length > 0) yield ids;
        locator = page.nextLocator;
      } while (locator !== null);
      return;
    }
    // keyset pages by Id: nothing depends on what a long-lived query cursor sees of changes
    let after: string | null = null;
    for (;;) {
      const conditions = [
        ...(after === null ? [] : [`Id > ${soqlString(after)}`]),
        ...(options.where ? [`(${options.where})`] : []),
      ];
      const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
      const soql = `SELECT Id FROM ${object}${where} ORDER BY Id ASC LIMIT ${chunk}`;
      const ids: string[] = [];
      for await (const batch of this.batches<{ Id: string }>(soql, false, chunk)) {
        ids.push(...batch.records.map((r) => r.Id));
      }
      if (ids.length > 0) yield ids;
      if (ids.length < chunk) return;
      after = ids[ids.length - 1] ?? null;
    }
  }

  close(): Promise<void> {
    this.client.close();
    return Promise.resolve();
  }

  private objectOptions(object: string): SalesforceObjectOptions {
    const found = this.options.objects.find((o) => o.name.toLowerCase() === object.toLowerCase());
    if (found) return found;
    throw new ConnectorError(
      ConnectorErrorCode.NotFound,
      `salesforce connector "${this.name}" does not read the object "${object}"`,
      { object },
    );
  }

  private async selection(object: SalesforceObjectOptions): Promise<FieldSelection> {
    const described = await this.client.describe(object.name);
    return resolveFieldSelection(object.name, described.fields, object.fields);
  }

  /** The scan (Bulk snapshots while the estimate is above the threshold, then REST), then deletes. */
  private async *readObject(
    object: SalesforceObjectOptions,
    selection: FieldSelection,
    start: ObjectCursor,
    request: ReadRequest,
    progress: RunProgress,
  ): AsyncGenerator<ObjectStep> {
    let cursor = start;
    if (!cursor.loaded && cursor.deletesUpTo === null) {
      // deletes matter from the moment the initial load starts reading
      cursor = { ...cursor, deletesUpTo: new Date(this.client.serverNow()).toISOString() };
    }
    let from = scanStart(cursor, this.options.overlapSeconds);
    for (;;) {
      request.signal?.throwIfAborted();
      if (cursor.bulk) {
        for await (const step of this.bulkSnapshot(
          object,
          selection,
          cursor,
          cursor.bulk,
          request,
        )) {
          cursor = step.cursor;
          yield step;
        }
        from = cursor.after;
        continue;
      }
      const scope = this.scope(object, from);
      const all = cursor.loaded;
      const estimate = await this.count(scope, all);
      progress.total += estimate;
      if (estimate > this.options.bulkThreshold) {
        const upTo = await this.latestStamp(scope, all);
        if (upTo !== null) {
          const operation = all ? 'queryAll' : 'query';
          const job = await this.client.createQueryJob(
            unorderedQuery(selection.fields, { ...scope, upTo }),
            operation,
          );
          this.logger.log(
            `${this.name}: ${object.name}: Bulk API 2.0 job ${job.id} for ~${estimate} records up to ${upTo}`,
          );
          const snapshot: BulkSnapshot = {
            jobId: job.id,
            operation,
            from,
            upTo,
            locator: null,
            done: 0,
          };
          cursor = { ...cursor, caughtUp: false, bulk: snapshot };
          // committed at once: a failure while the job runs resumes with the same job
          yield { records: [], rejected: [], cursor };
          continue;
        }
      }
      for await (const step of this.restScan(selection, scope, cursor, all, request.pageSize)) {
        cursor = step.cursor;
        yield step;
      }
      break;
    }
    yield* this.deletes(object, selection, cursor, request.pageSize);
  }

  /** Keyset pages of at most `pageSize`, each its own ordered query; queryMore within a page. */
  private async *restScan(
    selection: FieldSelection,
    scope: SoqlScope,
    start: ObjectCursor,
    all: boolean,
    pageSize: number,
  ): AsyncGenerator<ObjectStep> {
    let cursor = start;
    let after = scope.after ?? null;
    const limit = Math.max(1, Math.floor(pageSize));
    for (;;) {
      const soql = `${scanQuery(selection.fields, { ...scope, after })} LIMIT ${limit}`;
      let read = 0;
      let batchesLeft = true;
      const batches = this.batches(soql, all, limit);
      while (batchesLeft) {
        const next = await batches.next();
        if (next.done) {
          batchesLeft = false;
          break;
        }
        const mapped = mapRestRecords(selection, next.value.records);
        read += next.value.records.length;
        const end = next.value.done && read < limit;
        const before = cursor;
        cursor = afterRestPage(cursor, mapped.last, end);
        if (mapped.last) after = mapped.last;
        if (mapped.records.length + mapped.rejected.length > 0 || !sameCursor(before, cursor)) {
          yield { records: mapped.records, rejected: mapped.rejected, cursor };
        }
      }
      if (read < limit) return;
    }
  }

  /** A Bulk snapshot from its job and locator to its last page. */
  private async *bulkSnapshot(
    object: SalesforceObjectOptions,
    selection: FieldSelection,
    start: ObjectCursor,
    initial: BulkSnapshot,
    request: ReadRequest,
  ): AsyncGenerator<ObjectStep> {
    let cursor = start;
    let snapshot = initial;
    const info = await this.waitForJob(
      snapshot.jobId,
      (state) => {
        this.logger.warn(
          `${this.name}: ${object.name}: Bulk job ${snapshot.jobId} is ${state}; running it again`,
        );
      },
      request.signal,
    );
    if (info === 'gone') {
      snapshot = await this.rerunSnapshot(object, selection, snapshot);
      cursor = { ...cursor, bulk: snapshot };
      yield { records: [], rejected: [], cursor };
      if ((await this.waitForJob(snapshot.jobId, undefined, request.signal)) === 'gone') {
        throw this.jobGone(snapshot.jobId);
      }
    }
    for (;;) {
      request.signal?.throwIfAborted();
      const page = await this.client.queryJobResults(
        snapshot.jobId,
        snapshot.locator,
        request.pageSize,
      );
      const parsed = parseBulkCsvPage(object.name, page.csv);
      const mapped = mapCsvRecords(selection, parsed.rows);
      const rejected = [...parsed.rejected, ...mapped.rejected];
      cursor = afterBulkPage(
        cursor,
        snapshot,
        page.nextLocator,
        mapped.records.length + rejected.length,
      );
      yield { records: mapped.records, rejected, cursor };
      if (cursor.bulk === null) return;
      snapshot = cursor.bulk;
    }
  }

  /** A new job over the same window, for a job Salesforce no longer has (deleted after 7 days, aborted). */
  private async rerunSnapshot(
    object: SalesforceObjectOptions,
    selection: FieldSelection,
    snapshot: BulkSnapshot,
  ): Promise<BulkSnapshot> {
    const scope = { ...this.scope(object, snapshot.from), upTo: snapshot.upTo };
    const job = await this.client.createQueryJob(
      unorderedQuery(selection.fields, scope),
      snapshot.operation,
    );
    return { ...snapshot, jobId: job.id, locator: null, done: 0 };
  }

  /**
   * Polls a query job until it is complete, waiting longer each time. A job that is gone or
   * was aborted is reported as 'gone'; a failed job or one that outlives bulkJobTimeoutMs is
   * an error (after aborting it), so the next attempt runs a new one.
   */
  private async waitForJob(
    jobId: string,
    onGone?: (state: string) => void,
    signal?: AbortSignal,
  ): Promise<'complete' | 'gone'> {
    let wait = this.options.pollIntervalMs;
    const firstPoll = this.client.serverNow();
    for (;;) {
      let state: string;
      let message: string | undefined;
      let created = firstPoll;
      try {
        const info: QueryJobInfoV2 & { errorMessage?: string } =
          await this.client.queryJobInfo(jobId);
        state = info.state;
        message = info.errorMessage;
        const createdDate = Date.parse(info.createdDate);
        if (!Number.isNaN(createdDate)) created = Math.min(created, createdDate);
      } catch (error) {
        if (error instanceof ConnectorError && error.code === ConnectorErrorCode.NotFound) {
          onGone?.('gone');
          return 'gone';
        }
        throw error;
      }
      switch (state) {
        case 'JobComplete':
          return 'complete';
        case 'Aborted':
          onGone?.(state);
          return 'gone';
        case 'Failed':
          throw new ConnectorError(
            /INVALID_FIELD|MALFORMED_QUERY|INVALID_TYPE/.test(message ?? '')
              ? ConnectorErrorCode.Config
              : ConnectorErrorCode.Temporary,
            `salesforce connector "${this.name}": Bulk query job ${jobId} failed: ${message ?? 'no reason given'}`,
            { jobId },
          );
        default:
          break;
      }
      if (this.client.serverNow() - created > this.options.bulkJobTimeoutMs) {
        await this.client.abortQueryJob(jobId).catch(() => undefined);
        throw new ConnectorError(
          ConnectorErrorCode.Temporary,
          `salesforce connector "${this.name}": Bulk query job ${jobId} still ${state} after ` +
            `${this.options.bulkJobTimeoutMs} ms; aborted it, the next attempt runs a new job`,
          { jobId },
        );
      }
      // an aborted run stops waiting at once; the job stays committed in the checkpoint
      await sleep(wait * (0.8 + Math.random() * 0.4), undefined, signal ? { signal } : {});
      wait = Math.min(wait * 1.5, this.options.pollIntervalMs * 10);
    }
  }

  /**
   * Deletes since the last pass from the getDeleted resource (queryAll in the scan already
   * brought the deleted records it still sees). A pass whose window Salesforce no longer
   * covers asks sync for the full id diff.
   */
  private async *deletes(
    object: SalesforceObjectOptions,
    selection: FieldSelection,
    start: ObjectCursor,
    pageSize: number,
  ): AsyncGenerator<ObjectStep> {
    const now = this.client.serverNow();
    const nowIso = new Date(now).toISOString();
    if (!start.loaded || start.deletesUpTo === null) {
      if (start.loaded)
        yield { records: [], rejected: [], cursor: { ...start, deletesUpTo: nowIso } };
      return;
    }
    const since = Date.parse(start.deletesUpTo) - this.options.overlapSeconds * 1000;
    if (!deletesWindowOpen(new Date(since).toISOString(), now, DELETED_WINDOW_DAYS)) {
      this.logger.warn(
        `${this.name}: ${object.name}: deletes are only known up to ${start.deletesUpTo}, beyond ` +
          `Salesforce's ${DELETED_WINDOW_DAYS}-day window; a full id reconciliation is needed`,
      );
      yield {
        records: [],
        rejected: [],
        cursor: { ...start, deletesUpTo: nowIso },
        fullDeleteDiff: true,
      };
      return;
    }
    if (now - since < MIN_DELETED_WINDOW_MS) return; // Salesforce refuses windows under a minute
    let result: DeletedResult;
    try {
      result = await this.client.deleted(object.name, new Date(since), new Date(now));
    } catch (error) {
      // INVALID_REPLICATION_DATE: the start is before what Salesforce still keeps
      if (!(error instanceof ConnectorError && error.code === ConnectorErrorCode.CursorInvalid)) {
        throw error;
      }
      this.logger.warn(
        `${this.name}: ${object.name}: Salesforce no longer lists deletes since ` +
          `${new Date(since).toISOString()} (${error.message}); a full id reconciliation is needed`,
      );
      yield {
        records: [],
        rejected: [],
        cursor: { ...start, deletesUpTo: nowIso },
        fullDeleteDiff: true,
      };
      return;
    }
    const covered = Date.parse(result.latestDateCovered);
    const upTo = Number.isNaN(covered) ? nowIso : new Date(covered).toISOString();
    const fullDeleteDiff = Date.parse(result.earliestDateAvailable) > since;
    if (fullDeleteDiff) {
      this.logger.warn(
        `${this.name}: ${object.name}: Salesforce's delete log starts at ${result.earliestDateAvailable}, ` +
          `after ${new Date(since).toISOString()}; a full id reconciliation is needed`,
      );
    }
    const deletedAt = new Map(result.deletedRecords.map((r) => [r.id, r.deletedDate]));
    const ids = [...deletedAt.keys()];
    let pending: RawSourceRecord[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const chunk = ids.slice(i, i + IDS_PER_QUERY);
      const found = new Set<string>();
      for await (const batch of this.batches(
        byIdsQuery(selection.fields, object.name, chunk),
        true,
        IDS_PER_QUERY,
      )) {
        for (const record of mapRestRecords(selection, batch.records).records) {
          found.add(record.externalId);
          // restored from the recycle bin since: the scan has it as live
          if (record.deleted) pending.push(record);
        }
      }
      for (const id of chunk) {
        if (found.has(id)) continue;
        // purged from the recycle bin: only the id is left
        pending.push(this.tombstone(selection, id, deletedAt.get(id)));
      }
      while (pending.length >= pageSize) {
        yield { records: pending.slice(0, pageSize), rejected: [], cursor: start };
        pending = pending.slice(pageSize);
      }
    }
    yield {
      records: pending,
      rejected: [],
      cursor: { ...start, deletesUpTo: upTo },
      ...(fullDeleteDiff ? { fullDeleteDiff } : {}),
    };
  }

  private jobGone(jobId: string): ConnectorError {
    return new ConnectorError(
      ConnectorErrorCode.Temporary,
      `salesforce connector "${this.name}": Bulk query job ${jobId} vanished before it completed`,
      { jobId },
    );
  }

  private tombstone(
    selection: FieldSelection,
    id: string,
    deletedDate: string | undefined,
  ): RawSourceRecord {
    const payload: Record<string, unknown> = {};
    for (const name of selection.fields) payload[name] = null;
    payload['Id'] = id;
    payload['IsDeleted'] = true;
    const modifiedAt = deletedDate
      ? (normaliseValue(deletedDate, 'datetime') as string)
      : undefined;
    return {
      object: selection.object,
      externalId: id,
      payload,
      ...(modifiedAt ? { modifiedAt } : {}),
      deleted: true,
    };
  }

  /** Every batch of one query: the first by query/queryAll, the rest by nextRecordsUrl. */
  private async *batches<R = Record<string, unknown>>(
    soql: string,
    all: boolean,
    batchSize: number,
  ): AsyncGenerator<QueryBatch<R>> {
    let batch = await this.client.query<R>(soql, all, batchSize);
    for (;;) {
      yield batch;
      if (batch.done || !batch.nextRecordsUrl) return;
      batch = await this.client.queryMore<R>(batch.nextRecordsUrl, batchSize);
    }
  }

  private scope(object: SalesforceObjectOptions, after: KeysetPosition | null): SoqlScope {
    return { object: object.name, after, ...(object.where ? { where: object.where } : {}) };
  }

  private async count(scope: SoqlScope, all: boolean): Promise<number> {
    const result = await this.client.query(countQuery(scope), all, 200);
    return result.totalSize;
  }

  private async latestStamp(scope: SoqlScope, all: boolean): Promise<string | null> {
    const result = await this.client.query<{ SystemModstamp?: string }>(
      latestStampQuery(scope),
      all,
      200,
    );
    const stamp = result.records[0]?.SystemModstamp;
    return typeof stamp === 'string' ? (normaliseValue(stamp, 'datetime') as string) : null;
  }
}

function sameCursor(a: ObjectCursor, b: ObjectCursor): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
