import { parse } from 'csv-parse/sync';
import { type SandboxClient, startSandboxClient } from '../../testing/sandbox-client';

interface JobInfo {
  id: string;
  state: string;
  object: string;
  numberRecordsProcessed: number;
}

describe('Bulk API 2.0 query jobs', () => {
  let client: SandboxClient;
  const createJob = (query: string, operation = 'query'): Promise<Response> =>
    client.call('/jobs/query', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ operation, query }),
    });

  beforeAll(async () => {
    client = await startSandboxClient({
      salesforce: { records: { Account: 5000, Contact: 10, Lead: 0 }, bulkPollsUntilComplete: 2 },
    });
  });
  afterAll(() => client.sandbox.close());

  it('moves UploadComplete -> InProgress -> JobComplete and pages CSV with locators', async () => {
    const created = await createJob(
      'SELECT Id, Name, BillingStreet, BillingCity, SystemModstamp FROM Account ORDER BY Id',
    );
    const job = (await created.json()) as JobInfo;
    expect(job).toMatchObject({
      state: 'UploadComplete',
      object: 'Account',
      id: expect.stringMatching(/^750/),
    });
    expect((await client.json<JobInfo>(`/jobs/query/${job.id}`)).state).toBe('InProgress');
    const done = await client.json<JobInfo>(`/jobs/query/${job.id}`);
    expect(done).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 5000 });

    const ids: string[] = [];
    let locator: string | null = '';
    let pages = 0;
    while (locator !== null) {
      const query = `maxRecords=1500${locator ? `&locator=${locator}` : ''}`;
      const response = await client.call(`/jobs/query/${job.id}/results?${query}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
      const rows = parse<Record<string, string>>(await response.text(), { columns: true });
      expect(Number(response.headers.get('sforce-numberofrecords'))).toBe(rows.length);
      if (pages === 0) {
        expect(Object.keys(rows[0] ?? {})).toEqual([
          'Id',
          'Name',
          'BillingStreet',
          'BillingCity',
          'SystemModstamp',
        ]);
        expect(rows[0]?.SystemModstamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }
      ids.push(...rows.map((row) => row.Id ?? ''));
      const next = response.headers.get('sforce-locator');
      locator = next === 'null' ? null : next;
      pages++;
    }
    expect(pages).toBe(4);
    expect(ids).toHaveLength(5000);
    expect(new Set(ids).size).toBe(5000);
    expect([...ids].sort()).toEqual(ids);
    expect((await client.call(`/jobs/query/${job.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await client.call(`/jobs/query/${job.id}`)).status).toBe(404);
  });

  it('quotes CSV values per RFC 4180 and leaves nulls empty', async () => {
    const control = client.sandbox.salesforce;
    const id = control.createRecord('Account', { Name: 'Smith, "Jones" & Co\nLtd', Phone: null });
    const job = (await (
      await createJob(`SELECT Id, Name, Phone FROM Account WHERE Id = '${id}'`)
    ).json()) as JobInfo;
    await client.call(`/jobs/query/${job.id}`);
    await client.call(`/jobs/query/${job.id}`);
    const text = await (await client.call(`/jobs/query/${job.id}/results`)).text();
    expect(text).toBe(`Id,Name,Phone\n${id},"Smith, ""Jones"" & Co\nLtd",\n`);
  });

  it('includes deleted records for queryAll only', async () => {
    const control = client.sandbox.salesforce;
    const [victim] = control.recordIds('Contact');
    control.deleteRecord('Contact', victim ?? '');
    const count = async (operation: string): Promise<number> => {
      const job = (await (
        await createJob('SELECT Id, IsDeleted FROM Contact', operation)
      ).json()) as JobInfo;
      await client.call(`/jobs/query/${job.id}`);
      return (await client.json<JobInfo>(`/jobs/query/${job.id}`)).numberRecordsProcessed;
    };
    expect(await count('query')).toBe(9);
    expect(await count('queryAll')).toBe(10);
  });

  it('refuses compound fields and aggregates, and aborts open jobs', async () => {
    const compound = await createJob('SELECT Id, BillingAddress FROM Account');
    expect(compound.status).toBe(400);
    expect(await compound.json()).toEqual([
      { errorCode: 'API_ERROR', message: 'Selecting compound data not supported in Bulk Query' },
    ]);
    expect((await createJob('SELECT COUNT() FROM Account')).status).toBe(400);
    const job = (await (await createJob('SELECT Id FROM Account')).json()) as JobInfo;
    const aborted = await client.call(`/jobs/query/${job.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: 'Aborted' }),
    });
    expect(((await aborted.json()) as JobInfo).state).toBe('Aborted');
    const results = await client.call(`/jobs/query/${job.id}/results`);
    expect(results.status).toBe(400);
  });
});
