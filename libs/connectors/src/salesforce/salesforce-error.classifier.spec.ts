import { ConnectorErrorCode } from '../port/connector-error';
import { classifySalesforceError, type FailedResponse } from './salesforce-error.classifier';

const sfError = (errorCode: string, message: string): Error =>
  Object.assign(new Error(message), { name: errorCode, errorCode });
const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): FailedResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const NOW = Date.parse('2024-03-01T10:00:00Z');

describe('classifySalesforceError', () => {
  it.each<[string, unknown, FailedResponse | undefined, ConnectorErrorCode, number | undefined]>([
    [
      'an expired session',
      sfError('INVALID_SESSION_ID', 'Session expired or invalid'),
      json(401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]),
      ConnectorErrorCode.Auth,
      undefined,
    ],
    [
      'a refused JWT',
      Object.assign(new Error('user hasn’t approved this consumer'), { name: 'invalid_grant' }),
      undefined,
      ConnectorErrorCode.Auth,
      undefined,
    ],
    [
      'the daily limit',
      sfError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
      json(403, [
        { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' },
      ]),
      ConnectorErrorCode.RateLimited,
      undefined,
    ],
    [
      'a 429 with Retry-After',
      sfError('ERROR_HTTP_429', 'Too many'),
      { statusCode: 429, headers: { 'retry-after': '7' }, body: 'Too many' },
      ConnectorErrorCode.RateLimited,
      7000,
    ],
    [
      'a 503 with an HTTP-date Retry-After',
      sfError('ERROR_HTTP_503', 'down'),
      {
        statusCode: 503,
        headers: { 'retry-after': 'Fri, 01 Mar 2024 10:00:30 GMT' },
        body: '<html>',
      },
      ConnectorErrorCode.Temporary,
      30_000,
    ],
    [
      'SERVER_UNAVAILABLE in the body',
      sfError('SERVER_UNAVAILABLE', 'try later'),
      json(503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'try later' }]),
      ConnectorErrorCode.Temporary,
      undefined,
    ],
    [
      'a dropped connection',
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      undefined,
      ConnectorErrorCode.Temporary,
      undefined,
    ],
    [
      'a timeout',
      Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' }),
      undefined,
      ConnectorErrorCode.Temporary,
      undefined,
    ],
    [
      'no access to an object',
      sfError('INSUFFICIENT_ACCESS', 'no'),
      json(403, [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'no' }]),
      ConnectorErrorCode.Permission,
      undefined,
    ],
    [
      'an unknown object',
      sfError('NOT_FOUND', 'The requested resource does not exist'),
      json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]),
      ConnectorErrorCode.NotFound,
      undefined,
    ],
    [
      'an expired query locator',
      sfError('INVALID_QUERY_LOCATOR', 'invalid query locator'),
      json(400, [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }]),
      ConnectorErrorCode.CursorInvalid,
      undefined,
    ],
    [
      'a bad field in the where option',
      sfError('INVALID_FIELD', "No such column 'Foo'"),
      json(400, [{ errorCode: 'INVALID_FIELD', message: "No such column 'Foo'" }]),
      ConnectorErrorCode.Config,
      undefined,
    ],
    [
      'a text/plain Bulk result error read from the raw body',
      sfError('ERROR_HTTP_404', '[{"errorCode":"NOT_FOUND"}]'),
      json(404, [{ errorCode: 'NOT_FOUND', message: 'job gone' }]),
      ConnectorErrorCode.NotFound,
      undefined,
    ],
  ])('classifies %s', (_case, error, response, code, retryAfterMs) => {
    const classified = classifySalesforceError('crm', error, response, NOW);
    expect(classified.code).toBe(code);
    expect(classified.retryAfterMs).toBe(retryAfterMs);
    expect(classified.message).toMatch(/^salesforce connector "crm": /);
    expect(classified.cause).toBe(error);
  });
});
