/** Names of the Salesforce endpoints: the keys of call counters and of fault rules. */
export type SalesforceEndpoint =
  | 'oauth.token'
  | 'versions'
  | 'resources'
  | 'query'
  | 'queryAll'
  | 'queryMore'
  | 'sobjects'
  | 'sobject.info'
  | 'sobject.describe'
  | 'sobject.create'
  | 'sobject.read'
  | 'sobject.update'
  | 'sobject.delete'
  | 'sobject.updated'
  | 'sobject.deleted'
  | 'limits'
  | 'bulk.create'
  | 'bulk.list'
  | 'bulk.status'
  | 'bulk.abort'
  | 'bulk.delete'
  | 'bulk.results'
  | 'other';

const DATA = '^/services/data/v\\d+\\.\\d+';
const ROUTES: ReadonlyArray<readonly [string, RegExp, SalesforceEndpoint]> = [
  ['POST', /^\/services\/oauth2\/token\/?$/, 'oauth.token'],
  ['GET', /^\/services\/data\/?$/, 'versions'],
  ['GET', new RegExp(`${DATA}/?$`), 'resources'],
  ['GET', new RegExp(`${DATA}/query/?$`), 'query'],
  ['GET', new RegExp(`${DATA}/queryAll/?$`), 'queryAll'],
  ['GET', new RegExp(`${DATA}/query(All)?/[^/]+/?$`), 'queryMore'],
  ['GET', new RegExp(`${DATA}/sobjects/?$`), 'sobjects'],
  ['GET', new RegExp(`${DATA}/sobjects/[^/]+/describe/?$`), 'sobject.describe'],
  ['GET', new RegExp(`${DATA}/sobjects/[^/]+/updated/?$`), 'sobject.updated'],
  ['GET', new RegExp(`${DATA}/sobjects/[^/]+/deleted/?$`), 'sobject.deleted'],
  ['GET', new RegExp(`${DATA}/sobjects/[^/]+/?$`), 'sobject.info'],
  ['POST', new RegExp(`${DATA}/sobjects/[^/]+/?$`), 'sobject.create'],
  ['GET', new RegExp(`${DATA}/sobjects/[^/]+/[^/]+/?$`), 'sobject.read'],
  ['PATCH', new RegExp(`${DATA}/sobjects/[^/]+/[^/]+/?$`), 'sobject.update'],
  ['DELETE', new RegExp(`${DATA}/sobjects/[^/]+/[^/]+/?$`), 'sobject.delete'],
  ['GET', new RegExp(`${DATA}/limits/?$`), 'limits'],
  ['POST', new RegExp(`${DATA}/jobs/query/?$`), 'bulk.create'],
  ['GET', new RegExp(`${DATA}/jobs/query/?$`), 'bulk.list'],
  ['GET', new RegExp(`${DATA}/jobs/query/[^/]+/results/?$`), 'bulk.results'],
  ['GET', new RegExp(`${DATA}/jobs/query/[^/]+/?$`), 'bulk.status'],
  ['PATCH', new RegExp(`${DATA}/jobs/query/[^/]+/?$`), 'bulk.abort'],
  ['DELETE', new RegExp(`${DATA}/jobs/query/[^/]+/?$`), 'bulk.delete'],
];

export function classifyEndpoint(method: string, path: string): SalesforceEndpoint {
  const upper = method.toUpperCase();
  for (const [routeMethod, pattern, endpoint] of ROUTES) {
    if (routeMethod === upper && pattern.test(path)) return endpoint;
  }
  return 'other';
}

/** Endpoints a client may call without a session. */
export function isPublicEndpoint(endpoint: SalesforceEndpoint): boolean {
  return endpoint === 'oauth.token' || endpoint === 'versions';
}

/** `*` matches any run of characters: `bulk.*`, `sobject.*`, `*`. */
export function endpointMatches(pattern: string, endpoint: SalesforceEndpoint): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(endpoint);
}
