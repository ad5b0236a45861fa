import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli, SERVICE_MAIN as MAIN } from './support/crosswalk-cli';

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

function configFolder(
  yaml: string,
  mapping = 'objects:\n  customers:\n    kind: person\n    externalId: ID\n    fields:\n      fullName: { from: NAME }\n',
): string {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-service-'));
  mkdirSync(join(dir, 'config'));
  mkdirSync(join(dir, 'drop'));
  writeFileSync(join(dir, 'config', 'crosswalk.yaml'), yaml);
  writeFileSync(join(dir, 'config', 'customers.yaml'), mapping);
  return dir;
}

describe('the service and the CLI at the edges', () => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('refuses a bad config at start-up, naming the file, the line and the key', async () => {
    const dir = configFolder(
      [
        'normalisation: { defaultRegion: SE }',
        'connectors:',
        '  - name: crm',
        '    type: no-such-system',
        '    mapping: customers.yaml',
        '  - name: ledger',
        '    type: erp-sql',
        '    mapping: customers.yaml',
        '    options:',
        '      dialect: postgres',
        '      url: postgres://erp:hunter2@db.internal/erp',
        '      table: customers',
        '      object: customers',
        '      idColumn: id',
        '      watermarkColumn: updated_at',
        '',
      ].join('\n'),
    );
    folders.push(dir);
    const result = await runCli(['validate-config', '--config', join(dir, 'config')], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /crosswalk\.yaml:4:\d+ connectors\[0\]\.type: unknown connector type 'no-such-system'; known types: .*erp-file/,
    );
    expect(result.stderr).toMatch(
      /crosswalk\.yaml:11:\d+ connectors\[1\]\.options\.url: .*password/i,
    );
    expect(result.stderr).not.toContain('hunter2');

    const service = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env['PATH'], CROSSWALK_CONFIG_DIR: join(dir, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    service.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [code] = (await once(service, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('connectors[0].type');
  });

  it('serves /health while it runs and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const dir = configFolder(
      [
        'store: { database: sqlite, sqlitePath: ../data/store.sqlite }',
        'events: { sink: file, fileSinkDir: ../data/events }',
        'normalisation: { defaultRegion: SE }',
        `http: { port: ${port} }`,
        'connectors:',
        '  - name: erp',
        '    type: erp-file',
        "    schedule: '*/5 * * * *'",
        '    mapping: customers.yaml',
        '    options: { dropFolder: ../drop, object: customers, idColumns: [ID] }',
        '',
      ].join('\n'),
    );
    folders.push(dir);
    const service = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env['PATH'], CROSSWALK_CONFIG_DIR: join(dir, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let health:
        | { status: number; body: { status?: string; info?: Record<string, { status: string }> } }
        | undefined;
      for (let tries = 0; tries < 100 && health === undefined; tries += 1) {
        await sleep(200);
        const response = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
        if (response) health = { status: response.status, body: (await response.json()) as never };
      }
      expect(health?.status).toBe(200);
      expect(health?.body.status).toBe('ok');
      expect(health?.body.info?.['store']?.status).toBe('up');
      expect(health?.body.info?.['relay']?.status).toBe('up');
    } finally {
      service.kill('SIGTERM');
    }
    const [code] = (await once(service, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
