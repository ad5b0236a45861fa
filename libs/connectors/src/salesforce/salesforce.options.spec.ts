import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { SalesforceConnectorOptions, SalesforceJwtAuthOptions } from './salesforce.options';

const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

async function problems(plain: object): Promise<string[]> {
  const options = plainToInstance(SalesforceConnectorOptions, plain, { exposeDefaultValues: true });
  const errors = await validate(options, { whitelist: true, forbidNonWhitelisted: true });
  const flat = (list: typeof errors, path: string): string[] =>
    list.flatMap((e) => [
      ...Object.values(e.constraints ?? {}).map((m) => `${path}${e.property}: ${m}`),
      ...flat(e.children ?? [], `${path}${e.property}.`),
    ]);
  return flat(errors, '');
}

const base = {
  loginUrl: 'https://login.salesforce.com',
  objects: [
    { name: 'Account' },
    { name: 'Invoice__c', fields: ['Name', 'BillingAddress'], where: "Status__c = 'Open'" },
  ],
};

describe('SalesforceConnectorOptions', () => {
  it('takes each auth flow and fills the defaults', async () => {
    for (const auth of [
      { flow: 'jwt', clientId: 'c', username: 'u@x.com', privateKey: KEY },
      { flow: 'refresh', clientId: 'c', refreshToken: 'r' },
      { flow: 'clientCredentials', clientId: 'c', clientSecret: 's' },
      {
        flow: 'password',
        clientId: 'c',
        clientSecret: 's',
        username: 'u',
        password: 'p',
        sandbox: true,
      },
    ]) {
      expect(await problems({ ...base, auth })).toEqual([]);
    }
    const options = plainToInstance(
      SalesforceConnectorOptions,
      { ...base, auth: { flow: 'jwt' } },
      { exposeDefaultValues: true },
    );
    expect(options.auth).toBeInstanceOf(SalesforceJwtAuthOptions);
    expect(options).toMatchObject({
      apiVersion: '62.0',
      bulkThreshold: 10_000,
      overlapSeconds: 300,
      apiReserve: '10%',
    });
  });

  it.each([
    [
      'the password flow without sandbox: true',
      { flow: 'password', clientId: 'c', clientSecret: 's', username: 'u', password: 'p' },
      /only allowed for sandbox orgs/,
    ],
    [
      'a key that is not PEM',
      { flow: 'jwt', clientId: 'c', username: 'u', privateKey: 'secret.pem' },
      /PEM private key/,
    ],
    ['an unknown flow', { flow: 'saml', clientId: 'c' }, /auth.flow must be one of/],
    [
      'a field of another flow',
      { flow: 'refresh', clientId: 'c', refreshToken: 'r', privateKey: KEY },
      /privateKey/,
    ],
  ])('refuses %s', async (_case, auth, message) => {
    expect((await problems({ ...base, auth })).join('\n')).toMatch(message);
  });

  it.each([
    [{ apiReserve: '120%' }, /apiReserve/],
    [{ apiReserve: -1 }, /apiReserve/],
    [{ objects: [{ name: 'Account' }, { name: 'account' }] }, /listed once/],
    [{ objects: [{ name: 'Account; DROP' }] }, /object API name/],
    [{ loginUrl: 'login.salesforce.com' }, /loginUrl must be an http\(s\) URL/],
    [{ loginUrl: 'ftp://login.salesforce.com' }, /loginUrl must be an http\(s\) URL/],
    [{ instanceUrl: 'https://my domain.my.salesforce.com' }, /instanceUrl must be/],
  ])('refuses %j', async (plain, message) => {
    const auth = { flow: 'clientCredentials', clientId: 'c', clientSecret: 's' };
    expect((await problems({ ...base, auth, ...plain })).join('\n')).toMatch(message);
  });
});
