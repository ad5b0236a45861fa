import { type SandboxClient, soql, startSandboxClient } from '../../testing/sandbox-client';

describe('limits, counters and fault injection', () => {
  let client: SandboxClient;
  const query = soql('SELECT Id FROM Account LIMIT 1');

  beforeAll(async () => {
    client = await startSandboxClient({
      seed: 3,
      salesforce: { records: { Account: 5, Contact: 0, Lead: 0 }, dailyApiLimit: 1000 },
    });
  });
  afterEach(() => client.sandbox.salesforce.clearFaults());
  afterAll(() => client.sandbox.close());

  it('puts Sforce-Limit-Info on every API response and answers REQUEST_LIMIT_EXCEEDED when spent', async () => {
    const control = client.sandbox.salesforce;
    control.setApiUsage({ max: 1000, used: 10 });
    const response = await client.call(query);
    expect(response.headers.get('sforce-limit-info')).toBe('api-usage=11/1000');
    const limits = await client.json<{ DailyApiRequests: { Max: number; Remaining: number } }>(
      '/limits',
    );
    expect(limits.DailyApiRequests).toEqual({ Max: 1000, Remaining: 1000 - 12 });
    control.setApiUsage({ used: 1000 });
    const spent = await client.call(query);
    expect(spent.status).toBe(403);
    expect(spent.headers.get('sforce-limit-info')).toBe('api-usage=1000/1000');
    expect(await spent.json()).toEqual([
      { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
    control.setApiUsage({ used: 0 });
  });

  it('counts calls per endpoint', async () => {
    const control = client.sandbox.salesforce;
    control.resetCallCounts();
    await client.call(query);
    await client.call(query);
    await client.call('/sobjects/Account/describe');
    expect(control.callCounts()).toEqual({ query: 2, 'sobject.describe': 1 });
  });

  it('counts each call once and takes it once from the allowance, whichever routes its path matches', async () => {
    const control = client.sandbox.salesforce;
    control.resetCallCounts();
    const usedBefore = control.apiUsage().used;
    const now = control.now().getTime();
    const window = `start=${encodeURIComponent(new Date(now - 3_600_000).toISOString())}&end=${encodeURIComponent(new Date(now).toISOString())}`;
    const id = control.recordIds('Account')[0] ?? '';
    // describe, updated and deleted also match the `:object/:id` route
    const paths = [
      '/sobjects/Account/describe',
      '/sobjects/Account/describe/',
      `/sobjects/Account/deleted/?${window}`,
      `/sobjects/Account/deleted?${window}`,
      `/sobjects/Account/updated/?${window}`,
      `/sobjects/Account/${id}`,
      '/sobjects/Account',
    ];
    for (const path of paths) expect((await client.call(path)).status).toBe(200);
    expect(control.callCounts()).toEqual({
      'sobject.describe': 2,
      'sobject.deleted': 2,
      'sobject.updated': 1,
      'sobject.read': 1,
      'sobject.info': 1,
    });
    expect(control.apiUsage().used - usedBefore).toBe(paths.length);
  });

  it('dates responses by the sandbox clock, which clients take as the server time', async () => {
    const control = client.sandbox.salesforce;
    // within the session's lifetime, so the token stays valid
    const original = control.now();
    const shifted = new Date(original.getTime() + 45 * 60_000);
    control.setClock(shifted);
    try {
      const response = await client.call(query);
      const date = Date.parse(response.headers.get('date') ?? '');
      expect(Math.abs(date - shifted.getTime())).toBeLessThan(5_000);
      const faulted = await (async () => {
        control.injectFault({ endpoint: 'query', kind: 'unavailable', times: 1 });
        return client.call(query);
      })();
      expect(faulted.status).toBe(503);
      expect(
        Math.abs(Date.parse(faulted.headers.get('date') ?? '') - shifted.getTime()),
      ).toBeLessThan(5_000);
    } finally {
      control.setClock(original);
    }
  });

  it.each([
    ['unavailable', 503, 'SERVER_UNAVAILABLE'],
    ['server-error', 500, 'UNKNOWN_EXCEPTION'],
    ['too-many-requests', 429, 'REQUEST_LIMIT_EXCEEDED'],
    ['request-limit', 403, 'REQUEST_LIMIT_EXCEEDED'],
  ] as const)(
    'injects %s on the matching endpoint for the next N calls',
    async (kind, status, errorCode) => {
      client.sandbox.salesforce.injectFault({ endpoint: 'query', kind, times: 2 });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await client.call(query);
        statuses.push(response.status);
        if (i === 0)
          expect(await response.json()).toEqual([{ message: expect.any(String), errorCode }]);
      }
      expect(statuses).toEqual([status, status, 200]);
      expect((await client.call('/sobjects')).status).toBe(200);
    },
  );

  it('expires every session on invalid-session', async () => {
    client.sandbox.salesforce.injectFault({
      endpoint: 'sobject.*',
      kind: 'invalid-session',
      times: 1,
    });
    expect((await client.call('/sobjects/Account/describe')).status).toBe(401);
    expect((await client.call(query)).status).toBe(401);
    await client.login();
    expect((await client.call(query)).status).toBe(200);
  });

  it('delays calls on latency', async () => {
    client.sandbox.salesforce.injectFault({
      endpoint: 'query',
      kind: 'latency',
      latencyMs: 300,
      times: 1,
    });
    const started = Date.now();
    expect((await client.call(query)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('destroys the socket on drop-connection, also on the token endpoint', async () => {
    client.sandbox.salesforce.injectFault({
      endpoint: 'oauth.token',
      kind: 'drop-connection',
      times: 1,
    });
    await expect(client.login()).rejects.toThrow();
    client.sandbox.salesforce.injectFault({
      endpoint: '*',
      kind: 'drop-connection',
      skip: 1,
      times: 1,
    });
    expect((await client.call(query)).status).toBe(200);
    await expect(client.call(query)).rejects.toThrow();
    expect((await client.call(query)).status).toBe(200);
  });

  it('hits a reproducible share of calls with a rate', async () => {
    const run = async (): Promise<number[]> => {
      const control = client.sandbox.salesforce;
      control.clearFaults();
      const rule = control.injectFault({ endpoint: 'limits', kind: 'unavailable', rate: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await client.call('/limits')).status);
      control.removeFault(rule.id);
      return statuses;
    };
    const first = await run();
    expect(first.filter((status) => status === 503).length).toBeGreaterThan(3);
    expect(first.filter((status) => status === 200).length).toBeGreaterThan(3);
  });

  it('serves the control API over HTTP', async () => {
    const base = `${client.sandbox.url}/__sandbox/salesforce`;
    const rule = (await (
      await fetch(`${base}/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ endpoint: 'query', kind: 'unavailable', times: 1 }),
      })
    ).json()) as { id: string };
    expect(rule.id).toMatch(/^fault-/);
    expect((await client.call(query)).status).toBe(503);
    const limits = await (
      await fetch(`${base}/limits`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ used: 5 }),
      })
    ).json();
    expect(limits).toEqual({ max: 1000, used: 5 });
    const expired = (await (await fetch(`${base}/tokens/expire`, { method: 'POST' })).json()) as {
      expired: number;
    };
    expect(expired.expired).toBeGreaterThan(0);
    expect((await client.call(query)).status).toBe(401);
    await client.login();
    const unknown = await fetch(`${client.sandbox.url}/services/data/v62.0/nothing/here`, {
      headers: { Authorization: `Bearer ${client.token}` },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual([{ message: expect.any(String), errorCode: 'NOT_FOUND' }]);
    const all = client.sandbox.salesforce.recordIds('Account');
    const slice = (await (await fetch(`${base}/records/Account?offset=1&limit=2`)).json()) as {
      ids: string[];
      total: number;
    };
    expect(slice).toEqual({ ids: all.slice(1, 3), total: all.length });
  });
});
