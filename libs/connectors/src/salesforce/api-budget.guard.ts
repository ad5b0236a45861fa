import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';
import { type ApiReserve } from './salesforce.options';

export interface ApiUsage {
  used: number;
  limit: number;
}

/** `api-usage=N/M` of a `Sforce-Limit-Info` header. */
export function parseLimitInfo(header: string | undefined): ApiUsage | undefined {
  const match = header?.match(/(?:^|[\s,;])api-usage=(\d+)\/(\d+)/);
  if (!match?.[1] || !match[2]) return undefined;
  return { used: Number(match[1]), limit: Number(match[2]) };
}

/** Calls of `limit` to leave untouched. */
export function reserveCalls(reserve: ApiReserve, limit: number): number {
  if (typeof reserve === 'number') return reserve;
  return Math.ceil((limit * Number(reserve.slice(0, -1))) / 100);
}

/**
 * Stops a run before it eats into the reserve of the org's daily API limit, with a coded error
 * that says what is left. Salesforce counts over a rolling 24 hours and gives no reset time,
 * so the error carries no retryAfterMs.
 */
export function assertWithinBudget(
  connector: string,
  usage: ApiUsage | undefined,
  reserve: ApiReserve,
): void {
  if (!usage) return;
  const kept = reserveCalls(reserve, usage.limit);
  const left = usage.limit - usage.used;
  if (left > kept) return;
  throw new ConnectorError(
    ConnectorErrorCode.RateLimited,
    `salesforce connector "${connector}": ${Math.max(0, left)} of ${usage.limit} daily API calls left, ` +
      `at or under the reserve of ${kept} (apiReserve ${String(reserve)}); stopping until the org's usage drops`,
    { used: usage.used, limit: usage.limit, left: Math.max(0, left), reserve: kept },
  );
}
