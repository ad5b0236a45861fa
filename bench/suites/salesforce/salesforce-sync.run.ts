import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase, type TestDatabase } from '../../../test/infra/postgres';
import { SandboxProcess } from './sandbox-process';

const ROOT = join(__dirname, '..', '..', '..');
/** bin/crosswalk.js, or a copy of a build kept aside (CROSSWALK_BENCH_CLI) while dist/ is rebuilt. */
const CLI = process.env['CROSSWALK_BENCH_CLI'] ?? join(ROOT, 'bin', 'crosswalk.js');
const PRELOAD = join(__dirname, 'peak-rss.preload.js');

export interface SalesforcePhase {
  phase: 'initial load (Bulk API 2.0)' | 'incremental (REST)';
  /** Accounts in the org. */
  orgRecords: number;
  /** Records changed through the control API before the run (incremental only). */
  modified: number;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  seconds: number;
  recordsPerSecond: number;
  /** Peak resident set of the sync process (getrusage), in MB. */
  peakRssMb: number;
  store: 'sqlite' | 'postgres';
}

interface SyncOutcome {
  seconds: number;
  peakRssMb: number;
  counts: Record<string, number>;
}

/**
 * One org size: a 200k-style initial load through Bulk API 2.0, then `modified` records changed
 * through the sandbox's control API and an incremental run, each `crosswalk sync` in its own
 * process (the sandbox in another), into SQLite or, with DATABASE_URL, a fresh PostgreSQL
 * database. The relay is left out (`--no-drain`): the figures are the sync's.
 */
export async function runSalesforceBench(
  orgRecords: number,
  modified: number,
): Promise<SalesforcePhase[]> {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-bench-salesforce-'));
  const configDir = join(dir, 'config');
  mkdirSync(join(configDir, 'secrets'), { recursive: true });
  const optionsFile = join(dir, 'sandbox.json');
  writeFileSync(
    optionsFile,
    JSON.stringify({ records: { Account: orgRecords, Contact: 0, Lead: 0 }, dirtyRate: 0 }),
  );
  let database: TestDatabase | undefined;
  const sandbox = await SandboxProcess.start(optionsFile);
  try {
    const credentials = await sandbox.control<{
      consumerKey: string;
      username: string;
      privateKey: string;
    }>('GET', '/credentials');
    writeFileSync(join(configDir, 'secrets', 'jwt.key'), credentials.privateKey);
    writeFileSync(
      join(configDir, 'crosswalk.yaml'),
      configYaml(sandbox.url, credentials.consumerKey, credentials.username),
    );
    const env: Record<string, string> = {};
    if (process.env['DATABASE_URL']) {
      database = await createPostgresDatabase('bench_salesforce');
      env['DATABASE_URL'] = database.url;
    }
    const store = database ? 'postgres' : 'sqlite';

    const initial = await sync(configDir, env);
    const phases: SalesforcePhase[] = [
      phase('initial load (Bulk API 2.0)', orgRecords, 0, initial, store),
    ];

    // changes spread evenly over the org, as users make them
    const { ids } = await sandbox.control<{ ids: string[] }>('GET', '/records/Account');
    const step = Math.max(1, Math.floor(ids.length / modified));
    const chosen = ids.filter((_, index) => index % step === 0).slice(0, modified);
    await inParallel(chosen, 8, (id, index) =>
      sandbox.control('POST', `/records/Account/${id}`, {
        Phone: `+49 30 ${String(2_000_000 + index).padStart(7, '0')}`,
      }),
    );
    const incremental = await sync(configDir, env);
    phases.push(phase('incremental (REST)', orgRecords, chosen.length, incremental, store));
    return phases;
  } finally {
    await sandbox.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function configYaml(url: string, clientId: string, username: string): string {
  return `store:
  database: sqlite
  sqlitePath: ../data/crosswalk.sqlite
events:
  sink: file
  fileSinkDir: ../data/events
normalisation:
  defaultRegion: SE
connectors:
  - name: salesforce
    type: salesforce
    pageSize: 2000
    mapping: ${join(ROOT, 'demo', 'mappings', 'salesforce.yaml')}
    options:
      loginUrl: ${url}
      auth:
        flow: jwt
        clientId: ${clientId}
        username: ${username}
        privateKey: \${file:secrets/jwt.key}
      objects:
        - name: Account
      pollIntervalMs: 200
`;
}

function phase(
  name: SalesforcePhase['phase'],
  orgRecords: number,
  modified: number,
  outcome: SyncOutcome,
  store: SalesforcePhase['store'],
): SalesforcePhase {
  const read = outcome.counts['read'] ?? 0;
  return {
    phase: name,
    orgRecords,
    modified,
    read,
    created: outcome.counts['created'] ?? 0,
    updated: outcome.counts['updated'] ?? 0,
    unchanged: outcome.counts['unchanged'] ?? 0,
    seconds: Math.round(outcome.seconds * 10) / 10,
    recordsPerSecond: Math.round(read / outcome.seconds),
    peakRssMb: outcome.peakRssMb,
    store,
  };
}

async function sync(configDir: string, env: Record<string, string>): Promise<SyncOutcome> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['-r', PRELOAD, CLI, 'sync', '--connector', 'salesforce', '--no-drain', '--config', configDir],
    {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const seconds = (Date.now() - started) / 1000;
  if (code !== 0) throw new Error(`crosswalk sync exited with ${code}: ${stderr.slice(-2000)}`);
  const summary = /^salesforce: read \d+.*$/m.exec(stdout)?.[0];
  if (!summary) throw new Error(`no summary line in the sync output: ${stdout.slice(-2000)}`);
  const counts = Object.fromEntries(
    [...summary.matchAll(/(read|unchanged|created|updated|deleted|quarantined) (\d+)/g)].map(
      (match) => [match[1] ?? '', Number(match[2])],
    ),
  );
  const peakKb = Number(/peak-rss-kb (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
  process.stderr.write(`salesforce bench: ${summary} in ${seconds.toFixed(1)} s\n`);
  return { seconds, peakRssMb: Math.round(peakKb / 1024), counts };
}

async function inParallel<T>(
  items: readonly T[],
  width: number,
  work: (item: T, index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: width }, () => worker()));
}
