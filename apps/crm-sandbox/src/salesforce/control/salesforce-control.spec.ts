import { type SandboxClient, startSandboxClient } from '../../testing/sandbox-client';

describe('record batches through the control API', () => {
  let client: SandboxClient;
  let base: string;

  beforeAll(async () => {
    client = await startSandboxClient({
      seed: 7,
      salesforce: { records: { Account: 0, Contact: 0, Lead: 0 } },
    });
    base = `${client.sandbox.url}/__sandbox/salesforce`;
  });
  afterAll(() => client.sandbox.close());

  const send = (method: string, path: string, body: unknown): Promise<Response> =>
    fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('creates a batch of records in order and the API reads them back', async () => {
    const accounts = [
      { Name: 'Batch One AB', BillingCountry: 'SE', VAT_Number__c: 'SE556000000101' },
      { Name: 'Batch Two AB', Phone: '070-1234567' },
      { Name: 'Batch Three AB', AccountNumber: 'C00000003' },
    ];
    const response = await send('POST', '/records/Account/batch', accounts);
    expect(response.status).toBe(201);
    const { ids } = (await response.json()) as { ids: string[] };
    expect(ids).toHaveLength(3);
    expect(client.sandbox.salesforce.recordIds('Account')).toEqual(ids);

    const read = await client.json<Record<string, unknown>>(
      `/sobjects/Account/${ids[0]}?fields=Name,BillingCountry,VAT_Number__c`,
    );
    expect(read).toMatchObject({
      Name: 'Batch One AB',
      BillingCountry: 'SE',
      VAT_Number__c: 'SE556000000101',
    });
    expect(client.sandbox.salesforce.getRecord('Account', ids[1] ?? '')).toMatchObject({
      Name: 'Batch Two AB',
      Phone: '070-1234567',
    });
    expect(client.sandbox.salesforce.getRecord('Account', ids[2] ?? '')).toMatchObject({
      AccountNumber: 'C00000003',
    });
  });

  it('updates a batch of records by Id', async () => {
    const ids = client.sandbox.salesforce.recordIds('Account').slice(0, 2);
    const response = await send(
      'PATCH',
      '/records/Account/batch',
      ids.map((Id, index) => ({ Id, Phone: `08-55500${index}` })),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ updated: 2 });
    expect(ids.map((id) => client.sandbox.salesforce.getRecord('Account', id)?.Phone)).toEqual([
      '08-555000',
      '08-555001',
    ]);
  });

  it.each([
    ['a body that is no array', 'POST', { Name: 'Alone AB' }, 'JSON_PARSER_ERROR'],
    ['a record without its required Name', 'POST', [{ Phone: '070-1' }], 'REQUIRED_FIELD_MISSING'],
    ['an unknown field', 'POST', [{ Name: 'X AB', Nope__c: 1 }], 'INVALID_FIELD'],
    ['an update without Id', 'PATCH', [{ Phone: '070-1' }], 'JSON_PARSER_ERROR'],
  ])('refuses %s as a single write would', async (_case, method, body, errorCode) => {
    const before = client.sandbox.salesforce.recordIds('Account').length;
    const response = await send(method, '/records/Account/batch', body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([expect.objectContaining({ errorCode })]);
    expect(client.sandbox.salesforce.recordIds('Account')).toHaveLength(before);
  });
});
