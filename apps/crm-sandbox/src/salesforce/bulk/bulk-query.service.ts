import { Inject, Injectable } from '@nestjs/common';
import { type SandboxClock } from '../../common/sandbox-clock';
import { formatRestDateTime } from '../data/salesforce-datetime';
import { salesforceId } from '../data/salesforce-id';
import { SalesforceApiError, SalesforceErrorCode } from '../errors/salesforce-api.error';
import { type ResolvedSalesforceOptions } from '../salesforce-sandbox.options';
import { SALESFORCE_OPTIONS, SANDBOX_CLOCK } from '../salesforce.tokens';
import { QueryExecutor } from '../soql/query-executor.service';
import { type BulkQueryJob, type BulkQueryJobInfo } from './bulk-query-job';

export interface BulkResultPage {
  readonly job: BulkQueryJob;
  readonly indexes: readonly number[];
  /** Locator of the next page, or the string 'null' on the last one. */
  readonly nextLocator: string;
}

const MAX_RESULT_PAGE = 1_000_000;

/** Bulk API 2.0 query jobs: create, poll (UploadComplete -> InProgress -> JobComplete), page results, abort, delete. */
@Injectable()
export class BulkQueryService {
  private readonly jobs = new Map<string, BulkQueryJob>();
  private sequence = 0;

  constructor(
    @Inject(SALESFORCE_OPTIONS) private readonly options: ResolvedSalesforceOptions,
    @Inject(SANDBOX_CLOCK) private readonly clock: SandboxClock,
    private readonly executor: QueryExecutor,
  ) {}

  create(version: string, body: unknown, createdById: string): BulkQueryJobInfo {
    const request = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >;
    const operation = request.operation;
    if (operation !== 'query' && operation !== 'queryAll') {
      throw SalesforceApiError.badRequest(
        SalesforceErrorCode.ApiError,
        "operation must be 'query' or 'queryAll'",
      );
    }
    if (typeof request.query !== 'string' || request.query.trim() === '') {
      throw SalesforceApiError.badRequest(SalesforceErrorCode.ApiError, 'query is required');
    }
    const query = this.executor.prepare(request.query);
    if (!query.fields) {
      throw SalesforceApiError.badRequest(
        SalesforceErrorCode.ApiError,
        'Aggregate queries are not supported in Bulk Query',
      );
    }
    if (query.fields.some((field) => field.type === 'address')) {
      throw SalesforceApiError.badRequest(
        SalesforceErrorCode.ApiError,
        'Selecting compound data not supported in Bulk Query',
      );
    }
    const now = this.clock.nowMs();
    const job: BulkQueryJob = {
      id: salesforceId('750', ++this.sequence),
      operation,
      query,
      apiVersion: version,
      createdById,
      createdDate: now,
      state: 'UploadComplete',
      systemModstamp: now,
      statusPolls: 0,
      result: undefined,
      totalProcessingTime: 0,
    };
    this.jobs.set(job.id, job);
    if (this.options.bulkPollsUntilComplete === 0) this.complete(job);
    return this.info(job);
  }

  list(): { done: true; records: BulkQueryJobInfo[]; nextRecordsUrl: null } {
    return {
      done: true,
      records: [...this.jobs.values()].map((job) => this.info(job)),
      nextRecordsUrl: null,
    };
  }

  /** Each status poll moves an open job one step on; the query runs when it completes. */
  status(id: string): BulkQueryJobInfo {
    const job = this.require(id);
    if (job.state === 'UploadComplete' || job.state === 'InProgress') {
      job.statusPolls++;
      if (job.statusPolls >= this.options.bulkPollsUntilComplete) this.complete(job);
      else if (job.state === 'UploadComplete') this.move(job, 'InProgress');
    }
    return this.info(job);
  }

  abort(id: string, body: unknown): BulkQueryJobInfo {
    const job = this.require(id);
    const state =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>).state
        : undefined;
    if (state !== 'Aborted') {
      throw SalesforceApiError.badRequest(SalesforceErrorCode.ApiError, "state must be 'Aborted'");
    }
    if (job.state !== 'UploadComplete' && job.state !== 'InProgress') {
      throw SalesforceApiError.badRequest(
        SalesforceErrorCode.InvalidJobState,
        `Job is already ${job.state}`,
      );
    }
    this.move(job, 'Aborted');
    return this.info(job);
  }

  delete(id: string): void {
    this.require(id);
    this.jobs.delete(id);
  }

  resultPage(id: string, version: string, locator: unknown, maxRecords: unknown): BulkResultPage {
    const job = this.require(id);
    if (version !== job.apiVersion) {
      throw new SalesforceApiError(
        409,
        SalesforceErrorCode.ApiError,
        'Use the API version the job was created with',
      );
    }
    if (job.state !== 'JobComplete' || !job.result) {
      throw SalesforceApiError.badRequest(
        SalesforceErrorCode.InvalidJobState,
        `Job is ${job.state}, not JobComplete`,
      );
    }
    const offset = decodeLocator(locator);
    const pageSize = parseMaxRecords(maxRecords, this.options.bulkDefaultMaxRecords);
    if (offset > job.result.length) {
      throw SalesforceApiError.badRequest(SalesforceErrorCode.ApiError, 'Invalid locator');
    }
    const end = Math.min(job.result.length, offset + pageSize);
    return {
      job,
      indexes: job.result.slice(offset, end),
      nextLocator: end < job.result.length ? encodeLocator(end) : 'null',
    };
  }

  private complete(job: BulkQueryJob): void {
    const started = Date.now();
    job.result = this.executor.run(job.query, { includeDeleted: job.operation === 'queryAll' });
    job.totalProcessingTime = Date.now() - started;
    this.move(job, 'JobComplete');
  }

  private move(job: BulkQueryJob, state: BulkQueryJob['state']): void {
    job.state = state;
    job.systemModstamp = this.clock.nowMs();
  }

  private require(id: string): BulkQueryJob {
    const job = this.jobs.get(id);
    if (!job) throw SalesforceApiError.notFound();
    return job;
  }

  private info(job: BulkQueryJob): BulkQueryJobInfo {
    return {
      id: job.id,
      operation: job.operation,
      object: job.query.schema.name,
      createdById: job.createdById,
      createdDate: formatRestDateTime(job.createdDate),
      systemModstamp: formatRestDateTime(job.systemModstamp),
      state: job.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(job.apiVersion),
      jobType: 'V2Query',
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      numberRecordsProcessed: job.result?.length ?? 0,
      retries: 0,
      totalProcessingTime: job.totalProcessingTime,
    };
  }
}

/** Locators are opaque to clients; the sandbox's are base64 of the next offset. */
function encodeLocator(offset: number): string {
  return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}

function decodeLocator(locator: unknown): number {
  if (locator === undefined || locator === '') return 0;
  const decoded =
    typeof locator === 'string' ? Buffer.from(locator, 'base64').toString('utf8') : '';
  if (!/^\d+$/.test(decoded))
    throw SalesforceApiError.badRequest(SalesforceErrorCode.ApiError, 'Invalid locator');
  return Number(decoded);
}

function parseMaxRecords(maxRecords: unknown, fallback: number): number {
  if (maxRecords === undefined || maxRecords === '') return fallback;
  const value =
    typeof maxRecords === 'string' && /^\d+$/.test(maxRecords) ? Number(maxRecords) : NaN;
  if (!(value > 0) || value > MAX_RESULT_PAGE) {
    throw SalesforceApiError.badRequest(
      SalesforceErrorCode.ApiError,
      'maxRecords must be a positive integer',
    );
  }
  return value;
}
