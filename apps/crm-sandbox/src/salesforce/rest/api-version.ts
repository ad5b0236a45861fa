import { SalesforceApiError } from '../errors/salesforce-api.error';

export const OLDEST_API_VERSION = 31;

/** `v62.0` -> `62.0`; versions the org does not serve are NOT_FOUND, as on Salesforce. */
export function parseApiVersion(segment: string, newest: string): string {
  const match = /^v(\d+)\.0$/.exec(segment);
  const major = match ? Number(match[1]) : NaN;
  if (!match || major < OLDEST_API_VERSION || major > Number.parseFloat(newest))
    throw SalesforceApiError.notFound();
  return `${major}.0`;
}

export function dataPath(version: string): string {
  return `/services/data/v${version}`;
}
