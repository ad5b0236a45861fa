import { type SandboxClient, soql, startSandboxClient } from '../../testing/sandbox-client';

interface Page {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Array<Record<string, unknown> & { attributes: { type: string; url: string } }>;
}

describe('REST query and queryAll', () => {
  let client: SandboxClient;

  beforeAll(async () => {
    client = await startSandboxClient({
      seed: 7,
      salesforce: {
        records: { Account: 2500, Contact: 30, Lead: 10 },
        tieGroupSize: 3,
        customObjects: [
          { name: 'Customer__c', count: 5, fields: [{ name: 'ERP_Number__c', type: 'string' }] },
        ],
      },
    });
  });
  afterAll(() => client.sandbox.close());

  it('pages with nextRecordsUrl and honours Sforce-Query-Options batchSize', async () => {
    const first = await client.json<Page>(soql('SELECT Id, Name FROM Account ORDER BY Id'), {
      headers: { 'Sforce-Query-Options': 'batchSize=1000' },
    });
    expect(first).toMatchObject({ totalSize: 2500, done: false });
    expect(first.records).toHaveLength(1000);
    expect(first.nextRecordsUrl).toMatch(
      /^\/services\/data\/v62\.0\/query\/01g[A-Za-z0-9]{15}-1000$/,
    );
    expect(first.records[0]?.attributes).toEqual({
      type: 'Account',
      url: `/services/data/v62.0/sobjects/Account/${String(first.records[0]?.Id)}`,
    });
    const ids = first.records.map((record) => record.Id);
    let next = first.nextRecordsUrl;
    while (next) {
      const page: Page = await client.json<Page>(next);
      ids.push(...page.records.map((record) => record.Id));
      next = page.done ? undefined : page.nextRecordsUrl;
    }
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
    const bogus = await client.call('/query/01g000000000000AAA-2000');
    expect(bogus.status).toBe(400);
    expect(await bogus.json()).toEqual([
      expect.objectContaining({ errorCode: 'INVALID_QUERY_LOCATOR' }),
    ]);
  });

  it('defaults to 2,000 and clamps batchSize to 200..2000', async () => {
    expect((await client.json<Page>(soql('SELECT Id FROM Account'))).records).toHaveLength(2000);
    const small = await client.json<Page>(soql('SELECT Id FROM Account'), {
      headers: { 'Sforce-Query-Options': 'batchSize=10' },
    });
    expect(small.records).toHaveLength(200);
  });

  it('orders by (SystemModstamp, Id) across ties and resumes exactly after a cursor', async () => {
    const all = await client.json<Page>(
      soql('SELECT Id, SystemModstamp FROM Account ORDER BY SystemModstamp ASC, Id ASC LIMIT 30'),
    );
    const stamps = all.records.map((record) => String(record.SystemModstamp));
    expect(stamps[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(stamps[0]).toBe(stamps[2]);
    expect(stamps[2]).not.toBe(stamps[3]);
    const cut = all.records[4];
    const iso = new Date(String(cut?.SystemModstamp).replace('+0000', 'Z')).toISOString();
    const resumed = await client.json<Page>(
      soql(
        `SELECT Id FROM Account WHERE (SystemModstamp = ${iso} AND Id > '${String(cut?.Id)}') OR SystemModstamp > ${iso} ORDER BY SystemModstamp, Id LIMIT 25`,
      ),
    );
    expect(resumed.records.map((record) => record.Id)).toEqual(
      all.records.slice(5).map((record) => record.Id),
    );
  });

  it('filters on strings, booleans, IN, LIKE and sorts descending', async () => {
    const sample = await client.json<Page>(
      soql('SELECT Id, Name, BillingCountry FROM Account LIMIT 1'),
    );
    const name = String(sample.records[0]?.Name);
    const byName = await client.json<Page>(
      soql(`SELECT Id FROM Account WHERE Name = '${name.toUpperCase().replace(/'/g, "\\'")}'`),
    );
    expect(byName.records.map((record) => record.Id)).toContain(sample.records[0]?.Id);
    const leads = await client.json<Page>(
      soql(
        "SELECT Id, LastName FROM Lead WHERE IsConverted = false AND Status IN ('Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted') ORDER BY LastName DESC NULLS LAST",
      ),
    );
    expect(leads.totalSize).toBe(10);
    const names = leads.records.map((record) => String(record.LastName).trim().toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
    const like = await client.json<Page>(soql("SELECT Id FROM Account WHERE Name LIKE '%a%'"));
    expect(like.totalSize).toBeGreaterThan(0);
    const custom = await client.json<Page>(soql('SELECT Id, Name, ERP_Number__c FROM Customer__c'));
    expect(custom.totalSize).toBe(5);
  });

  it('returns compound fields as objects and SELECT COUNT() as totalSize', async () => {
    const contact = await client.json<Page>(
      soql(
        'SELECT Id, Name, FirstName, LastName, MailingAddress, MailingCity FROM Contact LIMIT 1',
      ),
    );
    const record: Record<string, unknown> = contact.records[0] ?? {};
    expect(record.MailingAddress).toMatchObject({ city: record.MailingCity });
    expect(String(record.Name)).toContain(String(record.LastName));
    const count = await client.json<Page>(
      soql('SELECT COUNT() FROM Account WHERE SystemModstamp > 2000-01-01T00:00:00Z'),
    );
    expect(count).toEqual({ totalSize: 2500, done: true, records: [] });
  });

  it('includes deleted records only in queryAll', async () => {
    const [id] = client.sandbox.salesforce.recordIds('Lead');
    client.sandbox.salesforce.deleteRecord('Lead', id ?? '');
    const live = await client.json<Page>(soql('SELECT Id FROM Lead'));
    expect(live.totalSize).toBe(9);
    const all = await client.json<Page>(
      `/queryAll?q=${encodeURIComponent('SELECT Id, IsDeleted FROM Lead WHERE IsDeleted = true')}`,
    );
    expect(all.records).toEqual([expect.objectContaining({ Id: id, IsDeleted: true })]);
  });

  it.each([
    ['SELECT Id FROM Nope__c', 'INVALID_TYPE'],
    ['SELECT Nope FROM Account', 'INVALID_FIELD'],
    ["SELECT Id FROM Account WHERE SystemModstamp > '2026-01-01'", 'INVALID_FIELD'],
    ['SELECT Id FROM Account WHERE BillingAddress = null', 'INVALID_FIELD'],
    ["SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'", 'MALFORMED_QUERY'],
    ['SELECT Id FROM Account GROUP BY Id', 'MALFORMED_QUERY'],
  ])('answers %s with 400 %s', async (query, errorCode) => {
    const response = await client.call(soql(query));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([{ message: expect.any(String), errorCode }]);
  });

  it('lists versions and resources, 404 for an unknown version', async () => {
    const versions = (await (await fetch(`${client.sandbox.url}/services/data/`)).json()) as Array<{
      version: string;
      url: string;
    }>;
    expect(versions.at(-1)).toEqual({
      label: expect.any(String),
      version: '62.0',
      url: '/services/data/v62.0',
    });
    const resources = await client.json<Record<string, string>>('/services/data/v62.0');
    expect(resources.query).toBe('/services/data/v62.0/query');
    const missing = await client.call('/services/data/v99.0/limits');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual([{ message: expect.any(String), errorCode: 'NOT_FOUND' }]);
  });
});
