import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { type CrmSandbox, startCrmSandbox } from '../../start-crm-sandbox';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe('POST /services/oauth2/token', () => {
  let sandbox: CrmSandbox;
  const token = async (
    params: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, string> }> => {
    const response = await fetch(`${sandbox.url}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams(params),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  const assertion = (claims: Record<string, unknown>, key?: string): string => {
    const credentials = sandbox.salesforce.credentials();
    return jwt.sign(
      {
        iss: credentials.consumerKey,
        sub: credentials.username,
        aud: sandbox.url,
        exp: Math.floor(Date.now() / 1000) + 180,
        ...claims,
      },
      key ?? credentials.privateKey ?? '',
      { algorithm: 'RS256' },
    );
  };

  beforeAll(async () => {
    sandbox = await startCrmSandbox({
      salesforce: { records: { Account: 3, Contact: 0, Lead: 0 }, rotateRefreshTokens: true },
    });
  });
  afterAll(() => sandbox.close());

  it('grants a JWT bearer assertion signed with the registered key and the response is signed', async () => {
    const { status, body } = await token({ grant_type: JWT_GRANT, assertion: assertion({}) });
    expect(status).toBe(200);
    expect(body).toMatchObject({ instance_url: sandbox.url, token_type: 'Bearer' });
    expect(body.access_token).toMatch(/^00D/);
    const expected = createHmac('sha256', sandbox.salesforce.credentials().consumerSecret)
      .update((body.id ?? '') + (body.issued_at ?? ''))
      .digest('base64');
    expect(body.signature).toBe(expected);
    const limits = await fetch(`${sandbox.url}/services/data/v62.0/limits`, {
      headers: { Authorization: `Bearer ${body.access_token}` },
    });
    expect(limits.status).toBe(200);
  });

  it.each([
    ['a wrong audience', { aud: 'https://login.salesforce.com' }, 'invalid_grant'],
    ['an unknown user', { sub: 'nobody@example.com' }, 'invalid_grant'],
    ['an unknown consumer key', { iss: 'unknown-key' }, 'invalid_client_id'],
    ['an expired assertion', { exp: Math.floor(Date.now() / 1000) - 600 }, 'invalid_grant'],
  ])('refuses a JWT with %s', async (_label, claims, error) => {
    const { status, body } = await token({ grant_type: JWT_GRANT, assertion: assertion(claims) });
    expect(status).toBe(400);
    expect(body.error).toBe(error);
    expect(typeof body.error_description).toBe('string');
  });

  it('refuses a JWT signed with another key', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    const { status, body } = await token({
      grant_type: JWT_GRANT,
      assertion: assertion({}, other.toString()),
    });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('refreshes and rotates refresh tokens when asked to', async () => {
    const refresh = sandbox.salesforce.issueRefreshToken();
    const { consumerKey } = sandbox.salesforce.credentials();
    const first = await token({
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: consumerKey,
    });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).toBeDefined();
    expect(first.body.refresh_token).not.toBe(refresh);
    const reused = await token({
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: consumerKey,
    });
    expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('grants username-password and client credentials with the right secret only', async () => {
    const credentials = sandbox.salesforce.credentials();
    const password = await token({
      grant_type: 'password',
      client_id: credentials.consumerKey,
      client_secret: credentials.consumerSecret,
      username: credentials.username,
      password: credentials.password,
    });
    expect(password.status).toBe(200);
    const wrong = await token({
      ...{
        grant_type: 'password',
        client_id: credentials.consumerKey,
        client_secret: credentials.consumerSecret,
      },
      username: credentials.username,
      password: 'nope',
    });
    expect(wrong.body.error).toBe('invalid_grant');
    const client = await token({
      grant_type: 'client_credentials',
      client_id: credentials.consumerKey,
      client_secret: credentials.consumerSecret,
    });
    expect(client.status).toBe(200);
    const badSecret = await token({
      grant_type: 'client_credentials',
      client_id: credentials.consumerKey,
      client_secret: 'x',
    });
    expect(badSecret.body.error).toBe('invalid_client');
    expect((await token({ grant_type: 'authorization_code' })).body.error).toBe(
      'unsupported_grant_type',
    );
  });

  it('answers INVALID_SESSION_ID once tokens expire, by control or by the clock', async () => {
    const fresh = async (): Promise<string> =>
      (await token({ grant_type: JWT_GRANT, assertion: assertion({}) })).body.access_token ?? '';
    const call = (accessToken: string): Promise<Response> =>
      fetch(`${sandbox.url}/services/data/v62.0/sobjects`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      });
    const first = await fresh();
    sandbox.salesforce.expireAccessTokens();
    const expired = await call(first);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
    const second = await fresh();
    expect((await call(second)).status).toBe(200);
    sandbox.salesforce.advanceClock(3 * 3600_000);
    expect((await call(second)).status).toBe(401);
    expect((await call('garbage')).status).toBe(401);
  });
});

describe('username-password flow on a production org', () => {
  it('is refused', async () => {
    const sandbox = await startCrmSandbox({
      salesforce: { orgType: 'production', records: { Account: 0, Contact: 0, Lead: 0 } },
    });
    try {
      const credentials = sandbox.salesforce.credentials();
      const response = await fetch(`${sandbox.url}/services/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: credentials.consumerKey,
          client_secret: credentials.consumerSecret,
          username: credentials.username,
          password: credentials.password,
        }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'unsupported_grant_type' });
    } finally {
      await sandbox.close();
    }
  });
});
