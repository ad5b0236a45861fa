import { type RawSourceRecord } from '../port/connector.port';
import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';
import { failureOf, runToEnd, SandboxFixture } from './salesforce-sandbox.fixture';

const DAY_MS = 86_400_000;
const ids = (records: readonly RawSourceRecord[]): string[] => records.map((r) => r.externalId);

describe('SalesforceConnector against the CRM sandbox', () => {
  let fixture: SandboxFixture;

  const start = async (records: Record<string, number>, extra: object = {}): Promise<void> => {
    fixture = await SandboxFixture.start({ seed: 7, salesforce: { records, ...extra } });
  };
  afterEach(() => fixture.close());

  it('pages through every record once by REST, compound fields as components, then reads nothing new', async () => {
    await start({ Account: 250, Contact: 30, Lead: 10 });
    const connector = fixture.connector({
      objects: [
        { name: 'Account' },
        { name: 'Contact', fields: ['Name', 'MailingAddress', 'Email'] },
      ],
    });
    const first = await runToEnd(connector, null, 100);
    const accounts = ids(first.records.filter((r) => r.object === 'Account'));
    expect(new Set(accounts).size).toBe(accounts.length);
    expect([...accounts].sort()).toEqual(fixture.control.recordIds('Account').sort());
    expect(first.pages.map((p) => p.records.length)).toEqual([100, 100, 50, 30]);
    const contact = first.records.find((r) => r.object === 'Contact');
    expect(Object.keys(contact?.payload ?? {})).toEqual(
      expect.arrayContaining([
        'FirstName',
        'LastName',
        'MailingCity',
        'MailingPostalCode',
        'Email',
      ]),
    );
    expect(contact?.payload).not.toHaveProperty('MailingAddress');
    expect(contact?.payload).not.toHaveProperty('Name');

    const again = await runToEnd(fixture.connector(), first.checkpoint, 100);
    expect(again.records).toEqual([]);

    const [account] = await connector.discover();
    expect(account?.name).toBe('Account');
    expect(account?.fields).toEqual(
      expect.arrayContaining([
        { name: 'BillingAddress', type: 'address' },
        { name: 'BillingCity', type: 'string' },
      ]),
    );
  });

  it('follows nextRecordsUrl (queryMore) when a page is larger than a query batch', async () => {
    await start({ Account: 4500, Contact: 0, Lead: 0 });
    const run = await runToEnd(fixture.connector(), null, 5000);
    expect(new Set(ids(run.records)).size).toBe(4500);
    expect(fixture.control.callCounts().queryMore).toBeGreaterThanOrEqual(2);
  });

  it('never loses records sharing a SystemModstamp across page boundaries while records change between pages', async () => {
    await start({ Account: 40, Contact: 0, Lead: 0 }, { tieGroupSize: 6 });
    const original = fixture.control.recordIds('Account');
    const read = new Set<string>();
    const changed: string[] = [];
    let created = '';
    const run = await runToEnd(fixture.connector(), null, 7, {
      between: (page, index) => {
        for (const record of page.records) read.add(record.externalId);
        if (index !== 1) return;
        // a read record and an unread one move ahead, a new one joins, all between two pages
        const done = page.records[2]?.externalId ?? '';
        const ahead = original.find((id) => !read.has(id)) ?? '';
        fixture.control.updateRecord('Account', done, { Name: 'Renamed while syncing' });
        fixture.control.updateRecord('Account', ahead, { Name: 'Changed ahead' });
        changed.push(done, ahead);
        created = fixture.control.createRecord('Account', { Name: 'Joined mid-run' });
      },
    });
    for (const id of [...original, created]) expect(read.has(id)).toBe(true);
    const lastVersion = new Map(run.records.map((r) => [r.externalId, r.payload['Name']]));
    expect(lastVersion.get(changed[0] ?? '')).toBe('Renamed while syncing');
    expect(lastVersion.get(changed[1] ?? '')).toBe('Changed ahead');
    // the ties really straddled page boundaries
    const stamps = run.pages.map((p) => [p.records[0]?.modifiedAt, p.records.at(-1)?.modifiedAt]);
    expect(stamps.some(([, last], i) => last !== undefined && last === stamps[i + 1]?.[0])).toBe(
      true,
    );
  });

  it('resumes after a crash from the last page checkpoint, across a run boundary inside a tie', async () => {
    await start({ Account: 60, Contact: 0, Lead: 0 }, { tieGroupSize: 4 });
    const crashed = await runToEnd(fixture.connector(), null, 10, { stopAfter: 3 });
    const rest = await runToEnd(fixture.connector(), crashed.checkpoint, 10);
    const all = [...ids(crashed.records), ...ids(rest.records)];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(60);
  });

  it('re-reads the overlap window on the next run', async () => {
    await start({ Account: 30, Contact: 0, Lead: 0 });
    const first = await runToEnd(fixture.connector({ overlapSeconds: 600 }), null, 100);
    fixture.control.updateRecord('Account', first.records[0]?.externalId ?? '', { Name: 'Later' });
    const second = await runToEnd(
      fixture.connector({ overlapSeconds: 600 }),
      first.checkpoint,
      100,
    );
    // the seeded stamps end a minute before now: the window holds the recent ones and the change
    expect(second.records.length).toBeGreaterThan(1);
    expect(second.records.at(-1)?.payload['Name']).toBe('Later');
  });

  it('reads deletes since the last run from queryAll and getDeleted, within the window', async () => {
    await start({ Account: 50, Contact: 0, Lead: 0 });
    const connector = fixture.connector({ overlapSeconds: 300 });
    const first = await runToEnd(connector, null, 100);
    const [gone1, gone2] = fixture.control.recordIds('Account');
    fixture.control.deleteRecord('Account', gone1 ?? '');
    fixture.control.deleteRecord('Account', gone2 ?? '');
    fixture.control.resetCallCounts();
    const second = await runToEnd(
      fixture.connector({ overlapSeconds: 300 }),
      first.checkpoint,
      100,
    );
    const deleted = second.records.filter((r) => r.deleted);
    expect(new Set(ids(deleted))).toEqual(new Set([gone1, gone2]));
    expect(deleted[0]?.payload['Name']).toEqual(expect.any(String));
    expect(fixture.control.callCounts()['sobject.deleted']).toBeGreaterThan(0);
    expect(second.pages.some((p) => p.requiresFullDeleteDiff)).toBe(false);
  });

  it('asks for a full id reconciliation when the last delete pass is older than the getDeleted window', async () => {
    await start({ Account: 30, Contact: 0, Lead: 0 });
    const first = await runToEnd(fixture.connector({ overlapSeconds: 300 }), null, 100);
    fixture.control.advanceClock(16 * DAY_MS);
    const gone = fixture.control.recordIds('Account')[5] ?? '';
    fixture.control.deleteRecord('Account', gone);
    const connector = fixture.connector({ overlapSeconds: 300 });
    const second = await runToEnd(connector, first.checkpoint, 100);
    expect(second.pages.flatMap((p) => p.requiresFullDeleteDiff ?? [])).toEqual(['Account']);
    expect(fixture.logger.warnings.join('\n')).toMatch(/full id reconciliation is needed/);
    const live: string[] = [];
    for await (const chunk of connector.listExternalIds('Account')) live.push(...chunk);
    expect(live.sort()).toEqual(fixture.control.recordIds('Account').sort());
    expect(live).not.toContain(gone);
  });

  it('lists live ids in chunks by REST and by Bulk', async () => {
    await start({ Account: 2500, Contact: 0, Lead: 0 });
    fixture.control.deleteRecord('Account', fixture.control.recordIds('Account')[0] ?? '');
    for (const bulkThreshold of [10_000, 1000]) {
      const chunks: string[][] = [];
      for await (const chunk of fixture
        .connector({ idChunkSize: 1000, bulkThreshold })
        .listExternalIds('Account')) {
        chunks.push(chunk);
      }
      expect(chunks.map((c) => c.length)).toEqual([1000, 1000, 499]);
      expect(chunks.flat().sort()).toEqual(fixture.control.recordIds('Account').sort());
    }
  });

  it('logs in again once when the session expires mid-run', async () => {
    await start({ Account: 50, Contact: 0, Lead: 0 });
    const run = await runToEnd(fixture.connector(), null, 10, {
      between: (_page, index) => {
        if (index === 1) fixture.control.expireAccessTokens();
      },
    });
    expect(new Set(ids(run.records)).size).toBe(50);
    expect(fixture.control.callCounts()['oauth.token']).toBe(2);
  });

  it('fails with an auth error when the session is refused again right after a new login', async () => {
    await start({ Account: 5, Contact: 0, Lead: 0 });
    fixture.control.injectFault({ endpoint: 'query', kind: 'invalid-session', times: 2 });
    const error = await failureOf(() => runToEnd(fixture.connector(), null, 10));
    expect(error).toMatchObject({ code: ConnectorErrorCode.Auth });
  });

  it.each(['jwt', 'refresh', 'clientCredentials'] as const)(
    'authenticates with the %s flow',
    async (flow) => {
      await start(
        { Account: 5, Contact: 0, Lead: 0 },
        { rotateRefreshTokens: true, accessTokenTtlSeconds: 3600 },
      );
      const c = fixture.control.credentials();
      const auth = {
        jwt: {
          flow,
          clientId: c.consumerKey,
          username: c.username,
          privateKey: c.privateKey ?? '',
        },
        refresh: {
          flow,
          clientId: c.consumerKey,
          clientSecret: c.consumerSecret,
          refreshToken: fixture.control.issueRefreshToken(),
        },
        clientCredentials: { flow, clientId: c.consumerKey, clientSecret: c.consumerSecret },
      }[flow];
      const connector = fixture.connector({ auth } as never);
      const run = await runToEnd(connector, null, 10, {
        between: () => fixture.control.expireAccessTokens(),
      });
      expect(new Set(ids(run.records)).size).toBe(5);
    },
  );

  it.each([
    [true, 1],
    [false, 0],
  ] as const)(
    'warns that the configured refresh token must be replaced when Salesforce rotates it (rotation %s)',
    async (rotate, warnings) => {
      await start({ Account: 5, Contact: 0, Lead: 0 }, { rotateRefreshTokens: rotate });
      const c = fixture.control.credentials();
      const refreshToken = fixture.control.issueRefreshToken();
      const auth = {
        flow: 'refresh',
        clientId: c.consumerKey,
        clientSecret: c.consumerSecret,
        refreshToken,
      };
      const run = await runToEnd(fixture.connector({ auth } as never), null, 2, {
        // every new session rotates the token again; one warning per rotation
        between: (_page, index) => {
          if (index === 0) fixture.control.expireAccessTokens();
        },
      });
      expect(new Set(ids(run.records)).size).toBe(5);
      const rotated = fixture.logger.warnings.filter((w) =>
        w.includes('rotated the refresh token'),
      );
      expect(rotated).toHaveLength(warnings * 2);
      for (const warning of rotated) {
        expect(warning).toContain('auth.refreshToken');
        expect(warning).not.toContain(refreshToken);
      }
    },
  );

  it('refuses wrong credentials with an auth error that holds no secret', async () => {
    await start({ Account: 5, Contact: 0, Lead: 0 });
    const c = fixture.control.credentials();
    const connector = fixture.connector({
      auth: { flow: 'clientCredentials', clientId: c.consumerKey, clientSecret: 'not-the-secret' },
    } as never);
    const error = await failureOf(() => runToEnd(connector, null, 10));
    expect(error).toMatchObject({ code: ConnectorErrorCode.Auth });
    expect((error as Error).message).not.toContain('not-the-secret');
  });

  it.each([
    ['unavailable', ConnectorErrorCode.Temporary],
    ['server-error', ConnectorErrorCode.Temporary],
    ['too-many-requests', ConnectorErrorCode.RateLimited],
    ['request-limit', ConnectorErrorCode.RateLimited],
    ['drop-connection', ConnectorErrorCode.Temporary],
    ['latency', ConnectorErrorCode.Temporary],
  ] as const)(
    'classifies the %s fault, and the next attempt resumes from the checkpoint',
    async (kind, code) => {
      await start({ Account: 40, Contact: 0, Lead: 0 });
      // the count and the first page go through; the second page's query fails
      fixture.control.injectFault({ endpoint: 'query', kind, times: 1, skip: 2, latencyMs: 3000 });
      let checkpoint = null;
      const read: string[] = [];
      const error = await failureOf(async () => {
        for await (const page of fixture
          .connector({ requestTimeoutMs: 1000 })
          .read({ checkpoint: null, pageSize: 10 })) {
          read.push(...ids(page.records));
          checkpoint = page.checkpoint;
        }
      });
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).code).toBe(code);
      if (kind === 'too-many-requests') expect((error as ConnectorError).retryAfterMs).toBe(1000);
      const rest = await runToEnd(fixture.connector(), checkpoint, 10);
      const all = [...read, ...ids(rest.records)];
      expect(new Set(all).size).toBe(40);
      expect(all.length).toBe(40);
    },
  );

  it('stops before eating into the API reserve, saying what is left', async () => {
    await start(
      { Account: 40, Contact: 0, Lead: 0 },
      { dailyApiLimit: 1000, initialApiUsage: 895 },
    );
    const error = await failureOf(() =>
      runToEnd(fixture.connector({ apiReserve: '10%' }), null, 10),
    );
    expect(error).toMatchObject({
      code: ConnectorErrorCode.RateLimited,
      details: { limit: 1000, reserve: 100 },
    });
    expect((error as Error).message).toMatch(/\d+ of 1000 daily API calls left/);
    expect(fixture.control.apiUsage().used).toBeLessThanOrEqual(900);
  });

  it('syncs the other fields when a selected field is removed or renamed in Salesforce', async () => {
    await start({ Account: 12, Contact: 0, Lead: 0 });
    fixture.control.removeField('Account', 'Website');
    fixture.control.renameField('Account', 'Phone', 'Phone_Main__c');
    const run = await runToEnd(
      fixture.connector({
        objects: [{ name: 'Account', fields: ['Name', 'Website', 'Phone', 'Industry'] }],
      }),
      null,
      100,
    );
    expect(run.records).toHaveLength(12);
    expect(Object.keys(run.records[0]?.payload ?? {})).toEqual([
      'Id',
      'SystemModstamp',
      'IsDeleted',
      'Name',
      'Industry',
    ]);
    expect(run.pages[0]?.warnings).toEqual([
      "Account: fields Website, Phone no longer in Salesforce's describe (removed or renamed); left out of the query, the other fields sync",
    ]);
    expect(fixture.logger.warnings).toHaveLength(1);
  });
});
