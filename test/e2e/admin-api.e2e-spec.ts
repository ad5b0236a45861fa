import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli, SERVICE_MAIN as MAIN } from './support/crosswalk-cli';

const OPENAPI_FILE = join(__dirname, '..', '..', 'docs', 'openapi.json');

const TOKEN = 'e2e-admin-token-6f1c2a9d';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const MAPPING = `objects:
  customers:
    kind: person
    externalId: ID
    fields:
      fullName: { from: NAME }
      emails: { from: EMAIL }
      phones: { from: PHONE }
`;

// P1 and P2 are one person in two rows (a merge); P3 is someone else.
const CSV = [
  'ID,NAME,EMAIL,PHONE',
  'P1,Anna Lindqvist,anna@lindqvist.example,+46 70 123 45 67',
  'P2,Anna Lindqvist,anna@lindqvist.example,+46 70 123 45 67',
  'P3,Björn Ek,bjorn@ek.example,+46 70 987 65 43',
  '',
].join('\n');

interface Sinked {
  key: string | null;
  value: { type?: string; data?: { id?: string; sources?: unknown[] } } | null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function workspace(port: number, tokens: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-admin-'));
  mkdirSync(join(dir, 'config'));
  mkdirSync(join(dir, 'drop'));
  writeFileSync(
    join(dir, 'config', 'crosswalk.yaml'),
    [
      'store: { database: sqlite, sqlitePath: ../data/store.sqlite }',
      'events: { sink: file, fileSinkDir: ../data/events, relay: { intervalMs: 100 } }',
      'normalisation: { defaultRegion: SE }',
      'http:',
      `  port: ${port}`,
      ...(tokens
        ? [
            '  adminTokens:',
            '    - { name: ops, token: "${env:CROSSWALK_ADMIN_TOKEN}" }',
            '    - { name: audit, token: "${env:CROSSWALK_AUDIT_TOKEN}" }',
          ]
        : []),
      'connectors:',
      '  - name: erp',
      '    type: erp-file',
      '    mapping: customers.yaml',
      '    options: { dropFolder: ../drop, object: customers, idColumns: [ID] }',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'config', 'customers.yaml'), MAPPING);
  return dir;
}

/** Every message the file sink holds, in order per topic. */
function sinked(dir: string): Sinked[] {
  const events = join(dir, 'data', 'events');
  if (!existsSync(events)) return [];
  return readdirSync(events)
    .filter((file) => file.endsWith('.ndjson'))
    .flatMap((file) =>
      readFileSync(join(events, file), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Sinked),
    );
}

function eventsOfType(dir: string, type: string): Sinked[] {
  return sinked(dir).filter((message) => message.value?.type === type);
}

async function waitFor<T>(probe: () => T | undefined, what: string, tries = 100): Promise<T> {
  for (let attempt = 0; attempt < tries; attempt += 1) {
    const found = probe();
    if (found !== undefined) return found;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Service {
  child: ChildProcess;
  output: () => string;
  base: string;
}

async function startService(
  dir: string,
  port: number,
  env: Record<string, string>,
): Promise<Service> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env['PATH'], CROSSWALK_CONFIG_DIR: join(dir, 'config'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 150; tries += 1) {
    await sleep(200);
    if (child.exitCode !== null) throw new Error(`the service exited:\n${output}`);
    const response = await fetch(`${base}/health`).catch(() => undefined);
    if (response?.status === 200) return { child, output: () => output, base };
  }
  child.kill('SIGTERM');
  throw new Error(`the service did not come up:\n${output}`);
}

async function stopService(service: Service | undefined): Promise<void> {
  if (service === undefined || service.child.exitCode !== null) return;
  service.child.kill('SIGTERM');
  await once(service.child, 'exit');
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

describe('the admin HTTP API', () => {
  let dir: string;
  let service: Service | undefined;
  /** The customer P1 and P2 were merged into, and the one P3 created. */
  let merged: string;
  let single: string;
  /** The config references both tokens: every process that loads it needs them. */
  const env = { CROSSWALK_ADMIN_TOKEN: TOKEN, CROSSWALK_AUDIT_TOKEN: 'e2e-audit-token-0b7e' };

  const call = async (
    method: string,
    path: string,
    options: { token?: string | null; body?: unknown } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = options.token === undefined ? TOKEN : options.token;
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    const response = await fetch(`${service?.base ?? ''}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    };
  };

  beforeAll(async () => {
    const port = await freePort();
    dir = workspace(port, true);
    writeFileSync(join(dir, 'drop', 'customers-1.csv'), CSV);
    const sync = await runCli(['sync', '--config', join(dir, 'config')], env);
    expect({ code: sync.code, stderr: sync.stderr }).toEqual({
      code: 0,
      stderr: expect.any(String),
    });
    const created = eventsOfType(dir, 'crosswalk.customer.created.v1');
    const latest = new Map<string, NonNullable<Sinked['value']>>();
    for (const message of sinked(dir)) {
      const id = message.value?.data?.id;
      if (id !== undefined && message.value !== null) latest.set(id, message.value);
    }
    const bySources = [...latest.entries()].filter(
      ([, value]) => value.type !== 'crosswalk.customer.merged.v1',
    );
    merged = bySources.find(([, value]) => value.data?.sources?.length === 2)?.[0] ?? '';
    single = bySources.find(([, value]) => value.data?.sources?.length === 1)?.[0] ?? '';
    expect(created.length).toBeGreaterThan(0);
    expect(merged).not.toBe('');
    expect(single).not.toBe('');
    service = await startService(dir, port, env);
  });

  afterAll(async () => {
    // Request lines are logged; the token in their headers must not be.
    expect(service?.output()).toContain('"url":"/api/status"');
    expect(service?.output()).toContain('"authorization":"[Redacted]"');
    expect(service?.output()).not.toContain(TOKEN);
    await stopService(service);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('authentication', () => {
    it.each([
      ['no token', null],
      ['a wrong token', 'e2e-admin-token-6f1c2a9e'],
      ['an empty token', ''],
    ])('answers 401 to %s', async (_name, token) => {
      for (const [method, path] of [
        ['GET', '/api/status'],
        ['GET', `/api/customers/${UNKNOWN_ID}/explain`],
        ['GET', '/api/reviews'],
        ['DELETE', `/api/customers/${UNKNOWN_ID}/overrides/phones`],
      ] as const) {
        const answer = await call(method, path, { token });
        expect({ path, status: answer.status }).toEqual({ path, status: 401 });
        expect(answer.body['message']).toMatch(/bearer token/);
      }
    });

    it('answers with a token of the config, and leaves /health open', async () => {
      const status = await call('GET', '/api/status');
      expect(status.status).toBe(200);
      expect(status.body['connectors']).toEqual([
        expect.objectContaining({
          name: 'erp',
          records: 3,
          // The CLI's run, finished: it says where its time went.
          lastRun: expect.objectContaining({
            status: 'succeeded',
            timings: {
              read: expect.any(Number) as number,
              prepare: expect.any(Number) as number,
              reconcile: expect.any(Number) as number,
              store: expect.any(Number) as number,
              idle: expect.any(Number) as number,
            },
          }) as object,
        }),
      ]);
      expect((await call('GET', '/api/status', { token: 'e2e-audit-token-0b7e' })).status).toBe(
        200,
      );
      const health = await fetch(`${service?.base ?? ''}/health`);
      expect(health.status).toBe(200);
    });

    it('answers 401 to everything when no token is configured, and warns at start', async () => {
      const port = await freePort();
      const bare = workspace(port, false);
      const open = await startService(bare, port, {});
      try {
        for (const token of [null, TOKEN, '']) {
          const headers: Record<string, string> =
            token === null ? {} : { authorization: `Bearer ${token}` };
          const response = await fetch(`${open.base}/api/status`, { headers });
          expect(response.status).toBe(401);
        }
        expect((await fetch(`${open.base}/health`)).status).toBe(200);
        expect(open.output()).toContain('no http.adminTokens configured');
      } finally {
        await stopService(open);
        rmSync(bare, { recursive: true, force: true });
      }
    });
  });

  it('serves the OpenAPI document (the committed one) and Swagger UI', async () => {
    const document = await fetch(`${service?.base ?? ''}/api/docs/openapi.json`);
    expect(document.status).toBe(200);
    const served = (await document.json()) as Record<string, unknown>;
    expect(served).toEqual(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')));
    expect(served).toMatchObject({
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    });
    const ui = await fetch(`${service?.base ?? ''}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  describe('bad input: 400 before any use case runs', () => {
    it.each([
      ['an id that is not a UUID', 'GET', '/api/customers/not-an-id/explain', undefined, /uuid/i],
      [
        'an unknown field name in a pin',
        'PUT',
        `/api/customers/${UNKNOWN_ID}/overrides/shoeSize`,
        { value: '42' },
        /field must be one of/,
      ],
      [
        'a pin of kind',
        'PUT',
        `/api/customers/${UNKNOWN_ID}/overrides/kind`,
        { value: 'organization' },
        /field must be one of/,
      ],
      [
        'a pin without a value',
        'PUT',
        `/api/customers/${UNKNOWN_ID}/overrides/phones`,
        {},
        /value/,
      ],
      [
        'a pin with an unknown key',
        'PUT',
        `/api/customers/${UNKNOWN_ID}/overrides/phones`,
        { value: '+46701234567', pinnedBy: 'me' },
        /property pinnedBy should not exist/,
      ],
      [
        'an empty split group',
        'POST',
        `/api/customers/${UNKNOWN_ID}/split`,
        { groups: [[{ connector: 'erp', object: 'customers', externalId: 'P2' }], []] },
        /each group must name at least one source record/,
      ],
      [
        'a split without groups',
        'POST',
        `/api/customers/${UNKNOWN_ID}/split`,
        { groups: [] },
        /groups/,
      ],
      [
        'a split key without an external id',
        'POST',
        `/api/customers/${UNKNOWN_ID}/split`,
        { groups: [[{ connector: 'erp', object: 'customers' }]] },
        /externalId/,
      ],
      [
        'an unmerge without absorbedId',
        'POST',
        `/api/customers/${UNKNOWN_ID}/unmerge`,
        {},
        /absorbedId/,
      ],
      ['a page of 0 reviews', 'GET', '/api/reviews?limit=0', undefined, /limit/],
      ['a decision with an empty name', 'POST', '/api/reviews/r1/accept', { by: '' }, /by/],
    ])('%s', async (_name, method, path, body, message) => {
      const answer = await call(method, path, { body });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body['message'])).toMatch(message);
    });
  });

  // From here on the answers come from the curation use cases themselves.
  describe('the curation use cases', () => {
    it('answers 404 for an unknown customer or review', async () => {
      expect((await call('GET', `/api/customers/${UNKNOWN_ID}/explain`)).status).toBe(404);
      expect((await call('GET', '/api/reviews/no-such-review')).status).toBe(404);
      const accept = await call('POST', '/api/reviews/no-such-review/accept', { body: {} });
      expect(accept.status).toBe(404);
      expect(accept.body['code']).toBe('CURATION_REVIEW_NOT_FOUND');
      const pin = await call('PUT', `/api/customers/${UNKNOWN_ID}/overrides/phones`, {
        body: { value: '+46701234567' },
      });
      expect(pin.status).toBe(404);
      expect(pin.body['code']).toBe('CURATION_CUSTOMER_NOT_FOUND');
    });

    it('lists reviews a page at a time', async () => {
      const page = await call('GET', '/api/reviews?limit=10');
      expect(page.status).toBe(200);
      expect(page.body).toEqual({ items: expect.any(Array), next: null });
    });

    it('explains a synced customer: its links with evidence and the lineage of its fields', async () => {
      const answer = await call('GET', `/api/customers/${merged}/explain`);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ requestedId: merged, customer: { id: merged } });
      const links = answer.body['links'] as { key: { externalId: string }; evidence: object }[];
      expect(links.map((link) => link.key.externalId).sort()).toEqual(['P1', 'P2']);
      for (const link of links) expect(Object.keys(link.evidence).length).toBeGreaterThan(0);
      const lineage = answer.body['lineage'] as Record<string, { connector: string }[]>;
      expect(lineage['fullName']?.[0]?.connector).toBe('erp');
    });

    it('pins a value: the explanation shows it and an updated event reaches the sink', async () => {
      const pin = await call('PUT', `/api/customers/${single}/overrides/phones`, {
        body: { value: '+46 8 123 45 67', reason: 'confirmed by phone' },
      });
      expect(pin).toMatchObject({ status: 200, body: { customerIds: [single] } });
      expect(pin.body['changes']).toEqual([{ type: 'updated', customerId: single }]);

      const explained = await call('GET', `/api/customers/${single}/explain`);
      expect(explained.body['overrides']).toEqual([
        expect.objectContaining({
          field: 'phones',
          value: ['+4681234567'],
          pinnedBy: 'ops',
          reason: 'confirmed by phone',
        }),
      ]);
      expect(explained.body['customer']).toMatchObject({ phones: ['+4681234567'] });
      await waitFor(
        () =>
          eventsOfType(dir, 'crosswalk.customer.updated.v1').find(
            (message) => message.value?.data?.id === single,
          ),
        'the updated event in the sink',
      );

      const unpin = await call('DELETE', `/api/customers/${single}/overrides/phones`);
      expect(unpin.status).toBe(200);
      const after = await call('GET', `/api/customers/${single}/explain`);
      expect(after.body['overrides']).toEqual([]);
    });

    it('refuses a split naming a record of another customer', async () => {
      const answer = await call('POST', `/api/customers/${single}/split`, {
        body: { groups: [[{ connector: 'erp', object: 'customers', externalId: 'P2' }]] },
      });
      expect(answer.status).toBe(400);
      expect(answer.body['code']).toEqual(expect.any(String));
    });

    it('splits a customer: a new customer and a split event', async () => {
      const answer = await call('POST', `/api/customers/${merged}/split`, {
        body: { groups: [[{ connector: 'erp', object: 'customers', externalId: 'P2' }]] },
      });
      expect(answer.status).toBe(200);
      const changes = answer.body['changes'] as { type: string; customerId: string }[];
      expect(changes.map((change) => change.type)).toContain('split');
      const ids = answer.body['customerIds'] as string[];
      expect(ids[0]).toBe(merged);
      expect(ids).toHaveLength(2);
      const split = await waitFor(
        () =>
          eventsOfType(dir, 'crosswalk.customer.split.v1').find(
            (message) => message.key === merged || message.value?.data?.id === merged,
          ),
        'the split event in the sink',
      );
      expect(JSON.stringify(split.value)).toContain(ids[1] ?? 'the new id');

      const explained = await call('GET', `/api/customers/${ids[1] ?? ''}/explain`);
      const links = explained.body['links'] as { key: { externalId: string } }[];
      expect(links.map((link) => link.key.externalId)).toEqual(['P2']);
    });
  });

  describe('the same use cases on the command line', () => {
    const cli = (...args: string[]) => runCli([...args, '--config', join(dir, 'config')], env);

    it('explains a customer, briefly or as JSON', async () => {
      const brief = await cli('customer', 'explain', single);
      expect(brief).toMatchObject({ code: 0, stderr: '' });
      expect(brief.stdout).toContain(`${single} person "Björn Ek"`);
      expect(brief.stdout).toMatch(/erp\/customers\/P3: /);
      const json = await cli('customer', 'explain', single, '--json');
      expect(JSON.parse(json.stdout)).toMatchObject({
        requestedId: single,
        customer: { id: single },
      });
    });

    it('answers one line and exit 1 for an unknown customer or review', async () => {
      const customer = await cli('customer', 'explain', UNKNOWN_ID);
      expect(customer).toMatchObject({ code: 1, stderr: `crosswalk: no customer ${UNKNOWN_ID}\n` });
      const review = await cli('review', 'accept', 'no-such-review', '--note', 'x');
      expect(review.code).toBe(1);
      expect(review.stderr).toMatch(/^crosswalk: .*\[CURATION_REVIEW_NOT_FOUND\]\n$/);
    });

    it('lists reviews as JSON', async () => {
      const list = await cli('review', 'list', '--limit', '5', '--json');
      expect(list.code).toBe(0);
      expect(JSON.parse(list.stdout)).toEqual({ items: expect.any(Array), next: null });
    });

    it('re-clusters in a dry run without writing', async () => {
      const run = await cli('reconcile', '--full', '--dry-run', '--json');
      expect(run).toMatchObject({ code: 0 });
      expect(JSON.parse(run.stdout)).toMatchObject({ dryRun: true, records: 3 });
    });

    it('re-clusters for real: trains and stores the model, which status then reports', async () => {
      const run = await cli('reconcile', '--full', '--json');
      expect(run).toMatchObject({ code: 0 });
      const report = JSON.parse(run.stdout) as { events: number; relayed: number };
      expect(report).toMatchObject({ dryRun: false, trained: true, modelVersion: 1, records: 3 });
      // the service's own relay may have published some of them first
      expect(report.relayed).toBeLessThanOrEqual(report.events);
      const status = await cli('status', '--json');
      expect(JSON.parse(status.stdout)).toMatchObject({
        matching: { mode: 'probabilistic', modelVersion: 1 },
      });
    });
  });

  it('refuses a field that cannot be pinned on the command line (exit 2, nothing opened)', async () => {
    const result = await runCli(
      ['customer', 'pin', UNKNOWN_ID, 'shoeSize', '42', '--config', join(dir, 'config')],
      {},
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a field that can be pinned/);
  });
});
