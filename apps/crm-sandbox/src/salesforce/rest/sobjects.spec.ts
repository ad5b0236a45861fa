import { type SandboxClient, soql, startSandboxClient } from '../../testing/sandbox-client';

interface Page {
  totalSize: number;
  records: Array<Record<string, unknown>>;
}
interface Describe {
  name: string;
  fields: Array<{
    name: string;
    type: string;
    compoundFieldName: string | null;
    nillable: boolean;
  }>;
}

const MINUTE = 60_000;

describe('sObject resources', () => {
  let client: SandboxClient;

  beforeAll(async () => {
    client = await startSandboxClient({
      salesforce: {
        records: { Account: 20, Contact: 20, Lead: 5 },
        includeRecords: [
          {
            object: 'Account',
            fields: {
              Name: 'Verbatim Industries GmbH',
              ERP_Number__c: 'ERP-0001',
              BillingCountry: 'Deutschland',
            },
          },
        ],
      },
    });
  });
  afterAll(() => client.sandbox.close());

  it('lists objects and describes fields with compound names', async () => {
    const list = await client.json<{ sobjects: Array<{ name: string }> }>('/sobjects');
    expect(list.sobjects.map((object) => object.name)).toEqual(['Account', 'Contact', 'Lead']);
    const account = await client.json<Describe>('/sobjects/Account/describe');
    const field = (name: string): Describe['fields'][number] | undefined =>
      account.fields.find((f) => f.name === name);
    expect(field('BillingCity')).toMatchObject({
      type: 'string',
      compoundFieldName: 'BillingAddress',
    });
    expect(field('BillingAddress')).toMatchObject({ type: 'address', compoundFieldName: null });
    expect(field('SystemModstamp')).toMatchObject({ type: 'datetime', nillable: false });
    expect(field('ERP_Number__c')).toMatchObject({ type: 'string' });
    const contact = await client.json<Describe>('/sobjects/Contact/describe');
    expect(contact.fields.find((f) => f.name === 'FirstName')?.compoundFieldName).toBe('Name');
    expect((await client.call('/sobjects/Nope/describe')).status).toBe(404);
  });

  it('includes seed records verbatim', async () => {
    const page = await client.json<Page>(
      soql("SELECT Id, Name, BillingCountry FROM Account WHERE ERP_Number__c = 'ERP-0001'"),
    );
    expect(page.records).toEqual([
      expect.objectContaining({ Name: 'Verbatim Industries GmbH', BillingCountry: 'Deutschland' }),
    ]);
  });

  it('creates, reads, updates and deletes, bumping SystemModstamp on every write', async () => {
    const created = await client.call('/sobjects/Account', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ Name: 'Fresh Foods AG', Phone: '030 1234567' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = await client.json<Record<string, unknown>>(
      `/sobjects/Account/${id}?fields=Name,SystemModstamp`,
    );
    expect(read).toMatchObject({ attributes: { type: 'Account' }, Name: 'Fresh Foods AG' });
    const before = String(read.SystemModstamp);
    client.sandbox.salesforce.advanceClock(1500);
    const patched = await client.call(`/sobjects/Account/${id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ Phone: '+49 30 1234567' }),
    });
    expect(patched.status).toBe(204);
    const after = await client.json<Record<string, unknown>>(`/sobjects/Account/${id}`);
    expect(after.Phone).toBe('+49 30 1234567');
    expect(String(after.SystemModstamp) > before).toBe(true);
    expect(after.LastModifiedDate).toBe(after.SystemModstamp);
    expect((await client.call(`/sobjects/Account/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await client.call(`/sobjects/Account/${id}`)).status).toBe(404);
    const again = await client.call(`/sobjects/Account/${id}`, { method: 'DELETE' });
    expect(await again.json()).toEqual([
      expect.objectContaining({ errorCode: 'ENTITY_IS_DELETED' }),
    ]);
  });

  it('refuses unknown, read-only and missing required fields', async () => {
    const post = (body: unknown): Promise<Response> =>
      client.call('/sobjects/Account', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(await (await post({ Name: 'x', Bogus__c: 1 })).json()).toEqual([
      expect.objectContaining({ errorCode: 'INVALID_FIELD' }),
    ]);
    expect(
      await (await post({ Name: 'x', SystemModstamp: '2020-01-01T00:00:00Z' })).json(),
    ).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' })]);
    expect(await (await post({ Phone: '1' })).json()).toEqual([
      {
        message: 'Required fields are missing: [Name]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['Name'],
      },
    ]);
  });

  it('gives records written while the clock is frozen one shared SystemModstamp', () => {
    const control = client.sandbox.salesforce;
    control.freezeClock();
    const ids = control.recordIds('Contact').slice(0, 3);
    for (const id of ids) control.updateRecord('Contact', id, { Title: 'Buyer' });
    control.resumeClock();
    const stamps = new Set(ids.map((id) => control.getRecord('Contact', id)?.SystemModstamp));
    expect(stamps.size).toBe(1);
  });

  it('reports renamed and removed fields (schema drift)', async () => {
    const control = client.sandbox.salesforce;
    control.renameField('Lead', 'VAT_Number__c', 'Tax_Id__c');
    const renamed = await client.call(soql('SELECT Id, VAT_Number__c FROM Lead'));
    expect(await renamed.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD' })]);
    expect((await client.call(soql('SELECT Id, Tax_Id__c FROM Lead'))).status).toBe(200);
    control.removeField('Lead', 'Website');
    const describe = await client.json<Describe>('/sobjects/Lead/describe');
    expect(describe.fields.map((f) => f.name)).not.toContain('Website');
    expect(describe.fields.map((f) => f.name)).toContain('Tax_Id__c');
  });

  it('serves updated and deleted windows as documented', async () => {
    const control = client.sandbox.salesforce;
    const now = control.now().getTime();
    const [victim, changed] = control.recordIds('Contact');
    control.deleteRecord('Contact', victim ?? '');
    control.updateRecord('Contact', changed ?? '', { Title: 'CEO' });
    control.advanceClock(2 * MINUTE);
    const window = (start: number, end: number): string =>
      `start=${encodeURIComponent(new Date(start).toISOString())}&end=${encodeURIComponent(new Date(end).toISOString())}`;
    const deleted = await client.json<{
      deletedRecords: Array<{ id: string; deletedDate: string }>;
      earliestDateAvailable: string;
      latestDateCovered: string;
    }>(`/sobjects/Contact/deleted/?${window(now - 10 * MINUTE, now + 10 * MINUTE)}`);
    expect(deleted.deletedRecords).toEqual([
      { id: victim, deletedDate: expect.stringMatching(/\+0000$/) },
    ]);
    expect(new Date(deleted.latestDateCovered.replace('+0000', 'Z')).getTime()).toBeLessThanOrEqual(
      control.now().getTime(),
    );
    const updated = await client.json<{ ids: string[] }>(
      `/sobjects/Contact/updated/?${window(now - 10 * MINUTE, now + 10 * MINUTE)}`,
    );
    expect(updated.ids).toContain(changed);
    expect(updated.ids).not.toContain(victim);
    const tooOld = await client.call(
      `/sobjects/Contact/deleted/?${window(now - 16 * 24 * 60 * MINUTE, now)}`,
    );
    expect(tooOld.status).toBe(400);
    expect(await tooOld.json()).toEqual([
      expect.objectContaining({ errorCode: 'INVALID_REPLICATION_DATE' }),
    ]);
    // moving the clock 16 days on pushes the deletion out of the window
    control.advanceClock(16 * 24 * 60 * MINUTE);
    await client.login();
    const late = await client.call(
      `/sobjects/Contact/deleted/?${window(now - MINUTE, now + 10 * MINUTE)}`,
    );
    expect(await late.json()).toEqual([
      expect.objectContaining({ errorCode: 'INVALID_REPLICATION_DATE' }),
    ]);
  });
});
