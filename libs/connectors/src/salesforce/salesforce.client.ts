import { type Logger } from '@nestjs/common';
import {
  Connection,
  type DeletedResult,
  type DescribeSObjectResult,
  type HttpRequest,
  type HttpRequestOptions,
  type HttpResponse,
  type Schema,
} from 'jsforce';
import { QueryJobV2, type QueryJobInfoV2 } from 'jsforce/lib/api/bulk2';
import { Transport } from 'jsforce/lib/transport';
import { type StreamPromise } from 'jsforce/lib/util/promise';
import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';
import { type ApiUsage, assertWithinBudget, parseLimitInfo } from './api-budget.guard';
import { signJwtAssertion } from './jwt-assertion.signer';
import { classifySalesforceError } from './salesforce-error.classifier';
import { type BulkOperation } from './salesforce.checkpoint';
import { type SalesforceConnectorOptions } from './salesforce.options';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** One batch of a REST query. */
export interface QueryBatch<R = Record<string, unknown>> {
  totalSize: number;
  done: boolean;
  records: R[];
  nextRecordsUrl?: string;
}

export interface ResultsPage {
  csv: string;
  /** `Sforce-Locator` of the next page; null after the last. */
  nextLocator: string | null;
}

/**
 * jsforce's own transport, with the connector's timeout, jsforce's internal retries turned off
 * (retries belong to sync) and every response observed: `Sforce-Limit-Info`, the server's
 * clock and, for Bulk results, `Sforce-Locator`.
 */
class ObservingTransport extends Transport {
  last: HttpResponse | undefined;

  constructor(
    private readonly defaults: HttpRequestOptions,
    private readonly observe: (response: HttpResponse) => void,
  ) {
    super();
  }

  override httpRequest(
    request: HttpRequest,
    options: HttpRequestOptions = {},
  ): StreamPromise<HttpResponse> {
    const pending = super.httpRequest(request, { ...options, ...this.defaults });
    pending.then(
      (response) => {
        this.last = response;
        this.observe(response);
      },
      () => undefined,
    );
    return pending;
  }
}

/**
 * The connector's Salesforce session: every call goes through one jsforce Connection, which
 * logs in with the configured flow and, on an expired session (401 INVALID_SESSION_ID),
 * logs in again once and repeats the call. Failures come out as ConnectorErrors.
 */
export class SalesforceClient {
  private readonly conn: Connection;
  private readonly transport: ObservingTransport;
  private loggedIn = false;
  private refreshesThisCall = 0;
  private authFailure: ConnectorError | undefined;
  private usage: ApiUsage | undefined;
  private serverClock: { at: number; local: number } | undefined;

  constructor(
    private readonly connector: string,
    private readonly options: SalesforceConnectorOptions,
    private readonly logger: Logger,
  ) {
    const { auth } = options;
    const secret = auth.flow === 'jwt' ? undefined : auth.clientSecret;
    this.conn = new Connection({
      loginUrl: options.loginUrl,
      version: options.apiVersion,
      oauth2: {
        loginUrl: options.loginUrl,
        clientId: auth.clientId,
        ...(secret ? { clientSecret: secret } : {}),
      },
      // jsforce calls this on a 401; it logs in with the configured flow, once per call
      refreshFn: (_conn, callback) => {
        this.refreshesThisCall += 1;
        if (this.refreshesThisCall > 1) {
          this.authFailure = new ConnectorError(
            ConnectorErrorCode.Auth,
            `salesforce connector "${connector}": the session was refused again right after a new login`,
          );
          callback(this.authFailure);
          return;
        }
        this.login().then(
          () => {
            callback(null, this.conn.accessToken ?? undefined);
          },
          (error: unknown) => {
            this.authFailure = classifySalesforceError(connector, error);
            callback(error instanceof Error ? error : new Error(String(error)));
          },
        );
      },
    });
    const defaults: HttpRequestOptions = {
      timeout: options.requestTimeoutMs,
      retry: { maxRetries: 0 },
    };
    this.transport = new ObservingTransport(defaults, (response) => this.observe(response));
    this.conn._transport = this.transport;
    this.conn.oauth2._transport = new ObservingTransport(defaults, () => undefined);
  }

  /** The org's API usage as the last response reported it. */
  apiUsage(): ApiUsage | undefined {
    return this.usage;
  }

  /** Salesforce's clock (from the last response's Date header), as epoch milliseconds. */
  serverNow(): number {
    const clock = this.serverClock;
    return clock ? clock.at + (Date.now() - clock.local) : Date.now();
  }

  describe(object: string): Promise<DescribeSObjectResult> {
    return this.call(() => this.conn.describe(object));
  }

  /** The first batch of a SOQL query; `all` reads deleted records too (queryAll). */
  query<R = Record<string, unknown>>(
    soql: string,
    all: boolean,
    batchSize: number,
  ): Promise<QueryBatch<R>> {
    const resource = all ? 'queryAll' : 'query';
    return this.call(() =>
      this.conn.request<QueryBatch<R>>({
        method: 'GET',
        url: `/${resource}?q=${encodeURIComponent(soql)}`,
        headers: queryOptions(batchSize),
      }),
    );
  }

  /** The next batch of a query (queryMore), by the `nextRecordsUrl` of the previous one. */
  queryMore<R = Record<string, unknown>>(
    nextRecordsUrl: string,
    batchSize: number,
  ): Promise<QueryBatch<R>> {
    return this.call(() =>
      this.conn.request<QueryBatch<R>>({
        method: 'GET',
        url: nextRecordsUrl,
        headers: queryOptions(batchSize),
      }),
    );
  }

  /** The getDeleted resource: ids deleted between `start` and `end`. */
  deleted(object: string, start: Date, end: Date): Promise<DeletedResult> {
    return this.call(() => this.conn.deleted(object, start, end));
  }

  createQueryJob(soql: string, operation: BulkOperation): Promise<QueryJobInfoV2> {
    return this.call(() => this.queryJob({ bodyParams: { query: soql, operation } }).open());
  }

  queryJobInfo(jobId: string): Promise<QueryJobInfoV2> {
    return this.call(() => this.queryJob({ id: jobId }).check());
  }

  abortQueryJob(jobId: string): Promise<QueryJobInfoV2> {
    return this.call(() => this.queryJob({ id: jobId }).abort());
  }

  /** One page of a finished job's CSV results (jsforce reads them all at once, so by hand). */
  async queryJobResults(
    jobId: string,
    locator: string | null,
    maxRecords: number,
  ): Promise<ResultsPage> {
    const params = new URLSearchParams({ maxRecords: String(maxRecords) });
    if (locator !== null) params.set('locator', locator);
    const csv = await this.call(() =>
      this.conn.request<string>(
        {
          method: 'GET',
          url: `/jobs/query/${encodeURIComponent(jobId)}/results?${params.toString()}`,
          headers: { Accept: 'text/csv' },
        },
        { responseType: 'text/plain' },
      ),
    );
    const next = this.transport.last?.headers['sforce-locator'];
    return { csv, nextLocator: next && next !== 'null' ? next : null };
  }

  /** Forgets the session (a later call logs in again). */
  close(): void {
    this.loggedIn = false;
    this.conn.accessToken = null;
  }

  private queryJob(
    options: { id: string } | { bodyParams: { query: string; operation: BulkOperation } },
  ): QueryJobV2<Schema> {
    const pollingOptions = {
      pollInterval: this.options.pollIntervalMs,
      pollTimeout: this.options.bulkJobTimeoutMs,
    };
    return new QueryJobV2(this.conn, { ...options, pollingOptions });
  }

  /** Runs one API call: budget first, a login when there is no session, failures classified. */
  private async call<T>(operation: () => Promise<T>): Promise<T> {
    assertWithinBudget(this.connector, this.usage, this.options.apiReserve);
    if (!this.loggedIn) {
      try {
        await this.login();
      } catch (error) {
        throw classifySalesforceError(this.connector, error);
      }
    }
    this.refreshesThisCall = 0;
    this.authFailure = undefined;
    this.transport.last = undefined;
    try {
      return await operation();
    } catch (error) {
      const response = this.transport.last;
      throw this.authFailure ?? classifySalesforceError(this.connector, error, response);
    }
  }

  /** Logs in with the configured flow; jsforce keeps the token, instance URL and refresh token. */
  private async login(): Promise<void> {
    const { auth, loginUrl } = this.options;
    switch (auth.flow) {
      case 'jwt':
        await this.conn.authorize({
          grant_type: JWT_GRANT,
          assertion: signJwtAssertion(
            { clientId: auth.clientId, username: auth.username, audience: loginUrl },
            auth.privateKey,
          ),
        });
        break;
      case 'refresh': {
        const used = this.conn.refreshToken ?? auth.refreshToken;
        await this.conn.authorize({ grant_type: 'refresh_token', refresh_token: used });
        // jsforce keeps a rotated token in the connection, which lasts as long as this
        // instance; the configured secret is revoked, so the operator has to replace it
        const issued = this.conn.refreshToken;
        if (issued && issued !== used) {
          this.logger.warn(
            `salesforce connector "${this.connector}": Salesforce rotated the refresh token and ` +
              'revoked the one in the configuration (auth.refreshToken); this process goes on with ' +
              'the new one, but the next start will fail to log in: store a new refresh token in ' +
              'the secret the reference points at (or turn rotation off for the connected app)',
          );
        }
        break;
      }
      case 'clientCredentials':
        await this.conn.authorize({ grant_type: 'client_credentials' });
        break;
      case 'password':
        await this.conn.authorize({
          grant_type: 'password',
          username: auth.username,
          password: `${auth.password}${auth.securityToken ?? ''}`,
        });
        break;
    }
    if (this.options.instanceUrl)
      this.conn.instanceUrl = this.options.instanceUrl.replace(/\/+$/, '');
    this.loggedIn = true;
  }

  private observe(response: HttpResponse): void {
    const usage = parseLimitInfo(response.headers['sforce-limit-info']);
    if (usage) this.usage = usage;
    const date = Date.parse(response.headers['date'] ?? '');
    if (!Number.isNaN(date)) this.serverClock = { at: date, local: Date.now() };
  }
}

function queryOptions(batchSize: number): Record<string, string> {
  const size = Math.min(2000, Math.max(200, Math.floor(batchSize)));
  return { 'Sforce-Query-Options': `batchSize=${size}` };
}
