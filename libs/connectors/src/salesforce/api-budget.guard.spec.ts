import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';
import { assertWithinBudget, parseLimitInfo, reserveCalls } from './api-budget.guard';

describe('API budget', () => {
  it('reads Sforce-Limit-Info', () => {
    expect(parseLimitInfo('api-usage=25/15000')).toEqual({ used: 25, limit: 15000 });
    expect(parseLimitInfo('per-app-api-usage=1/10(appName=x), api-usage=9/100')).toEqual({
      used: 9,
      limit: 100,
    });
    expect(parseLimitInfo(undefined)).toBeUndefined();
  });

  it.each([
    [5000, 100_000, 5000],
    ['10%', 100_000, 10_000],
    ['2.5%', 15_000, 375],
  ] as const)('keeps a reserve of %s of %d: %d calls', (reserve, limit, expected) => {
    expect(reserveCalls(reserve, limit)).toBe(expected);
  });

  it('stops with what is left once the reserve is reached', () => {
    expect(() => assertWithinBudget('crm', { used: 89_999, limit: 100_000 }, '10%')).not.toThrow();
    expect(() => assertWithinBudget('crm', undefined, '10%')).not.toThrow();
    let error: unknown;
    try {
      assertWithinBudget('crm', { used: 90_000, limit: 100_000 }, '10%');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      code: ConnectorErrorCode.RateLimited,
      details: { used: 90_000, limit: 100_000, left: 10_000, reserve: 10_000 },
    });
    expect((error as Error).message).toContain('10000 of 100000 daily API calls left');
  });
});
