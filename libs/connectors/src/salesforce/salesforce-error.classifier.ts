import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';

/** The HTTP response a failed call got, when it got one. */
export interface FailedResponse {
  statusCode: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

/** Salesforce `errorCode`s (REST, Bulk API 2.0) and OAuth `error`s, by how sync should react. */
const CODES: Readonly<Record<string, ConnectorErrorCode>> = {
  INVALID_SESSION_ID: ConnectorErrorCode.Auth,
  INVALID_AUTH_HEADER: ConnectorErrorCode.Auth,
  invalid_grant: ConnectorErrorCode.Auth,
  invalid_client: ConnectorErrorCode.Auth,
  invalid_client_id: ConnectorErrorCode.Auth,
  invalid_client_credentials: ConnectorErrorCode.Auth,
  unauthorized_client: ConnectorErrorCode.Auth,
  unsupported_grant_type: ConnectorErrorCode.Config,
  REQUEST_LIMIT_EXCEEDED: ConnectorErrorCode.RateLimited,
  TOO_MANY_REQUESTS: ConnectorErrorCode.RateLimited,
  SERVER_UNAVAILABLE: ConnectorErrorCode.Temporary,
  QUERY_TIMEOUT: ConnectorErrorCode.Temporary,
  UNABLE_TO_LOCK_ROW: ConnectorErrorCode.Temporary,
  UNKNOWN_EXCEPTION: ConnectorErrorCode.Temporary,
  INSUFFICIENT_ACCESS: ConnectorErrorCode.Permission,
  INSUFFICIENT_ACCESS_OR_READONLY: ConnectorErrorCode.Permission,
  API_DISABLED_FOR_ORG: ConnectorErrorCode.Permission,
  API_CURRENTLY_DISABLED: ConnectorErrorCode.Permission,
  FUNCTIONALITY_NOT_ENABLED: ConnectorErrorCode.Permission,
  NOT_FOUND: ConnectorErrorCode.NotFound,
  INVALID_TYPE: ConnectorErrorCode.NotFound,
  INVALID_QUERY_LOCATOR: ConnectorErrorCode.CursorInvalid,
  INVALID_LOCATOR: ConnectorErrorCode.CursorInvalid,
  INVALID_REPLICATION_DATE: ConnectorErrorCode.CursorInvalid,
  INVALID_FIELD: ConnectorErrorCode.Config,
  MALFORMED_QUERY: ConnectorErrorCode.Config,
  INVALID_QUERY_FILTER_OPERATOR: ConnectorErrorCode.Config,
  INVALIDENTITY: ConnectorErrorCode.Config,
};

/** Failures of the socket or the clock, not of the request: worth another try. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** `errorCode` and message of a Salesforce JSON error body (`[{message, errorCode}]` or OAuth's). */
export function parseErrorBody(body: string): { code?: string; message?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
  const code = text(field(first, 'errorCode')) ?? text(field(first, 'error'));
  const message = text(field(first, 'message')) ?? text(field(first, 'error_description'));
  return { ...(code ? { code } : {}), ...(message ? { message } : {}) };
}

/** `Retry-After` as milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(
  headers: Readonly<Record<string, string>> | undefined,
  now: number,
): number | undefined {
  const value = headers?.['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function byStatus(status: number): ConnectorErrorCode | undefined {
  if (status === 401) return ConnectorErrorCode.Auth;
  if (status === 403) return ConnectorErrorCode.Permission;
  if (status === 404) return ConnectorErrorCode.NotFound;
  if (status === 408 || status >= 500) return ConnectorErrorCode.Temporary;
  if (status === 429 || status === 420) return ConnectorErrorCode.RateLimited;
  if (status >= 400) return ConnectorErrorCode.Config;
  return undefined;
}

function isNetworkFailure(error: unknown, message: string): boolean {
  const code = text(field(error, 'code')) ?? text(field(error, 'errno'));
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  const name = text(field(error, 'name'));
  if (name === 'AbortError' || name === 'FetchError' || name === 'TimeoutError') return true;
  return /socket hang up|network|timed? ?out|aborted|premature close/i.test(message);
}

/**
 * Turns what jsforce threw into a ConnectorError that sync's retry policy understands. The
 * Salesforce `errorCode` decides when there is one, then the HTTP status, then the kind of
 * network failure. Messages carry Salesforce's text, never a token or a secret.
 */
export function classifySalesforceError(
  connector: string,
  error: unknown,
  response?: FailedResponse,
  now: number = Date.now(),
): ConnectorError {
  if (error instanceof ConnectorError) return error;
  // jsforce words its own timeout as "aborted ... timeout of 10 minutes" whatever the setting
  const message =
    field(error, 'name') === 'AbortError'
      ? 'the request timed out (requestTimeoutMs)'
      : error instanceof Error
        ? error.message
        : String(error);
  const fromBody = response && response.statusCode >= 400 ? parseErrorBody(response.body) : {};
  const errorCode =
    fromBody.code ?? text(field(error, 'errorCode')) ?? text(field(error, 'name')) ?? undefined;
  const status = response && response.statusCode >= 400 ? response.statusCode : undefined;
  let code = errorCode === undefined ? undefined : CODES[errorCode];
  if (code === undefined && errorCode?.startsWith('ERROR_HTTP_')) {
    code = byStatus(Number(errorCode.slice('ERROR_HTTP_'.length)));
  }
  if (code === undefined && status !== undefined) code = byStatus(status);
  if (code === undefined && isNetworkFailure(error, message)) code = ConnectorErrorCode.Temporary;
  const wait = retryAfterMs(response?.headers, now);
  const what = fromBody.message ?? message;
  return new ConnectorError(
    code ?? ConnectorErrorCode.Temporary,
    `salesforce connector "${connector}": ${errorCode && !what.includes(errorCode) ? `${errorCode}: ` : ''}${what}`,
    {
      ...(errorCode === undefined ? {} : { errorCode }),
      ...(status === undefined ? {} : { status }),
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    },
    { cause: error },
  );
}
