// A throwaway PostgreSQL server for tests, from the machine's PostgreSQL binaries.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  InfraError,
  componentDir,
  ensureComponent,
  freePort,
  stopComponent,
  isRoot,
  log,
  runningComponent,
  repoRoot,
  run,
  tail,
  which,
  writeState,
} from './lib/runtime.mjs';

const component = 'postgres';
export const postgresEnvVar = 'DATABASE_URL';
const user = 'crosswalk';
const password = 'crosswalk';
const database = 'crosswalk';
/** Chooses the settings of the server started here: `test` (the default) or `production`. */
export const postgresTuningEnvVar = 'CROSSWALK_POSTGRES_TUNING';
const tunings = ['test', 'production'];

/** Checks that a server answers at url; throws a message naming the url (without its password). */
export async function checkPostgres(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const result = await client.query('SELECT version() AS version');
    return result.rows[0].version;
  } catch (error) {
    throw new InfraError(component, `cannot reach PostgreSQL at ${redact(url)}: ${error.message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Returns a reachable PostgreSQL url: DATABASE_URL when set, else a local server started here
 * (or the one a previous run left running). startedHere tells whether this call started it.
 */
export async function ensurePostgres(env = process.env) {
  const tuning = requestedTuning(env);
  return ensureComponent({
    component,
    envVar: postgresEnvVar,
    env,
    check: checkPostgres,
    running: () => runningServer(tuning),
    start: () => startServer(tuning),
  });
}

function requestedTuning(env) {
  const tuning = env[postgresTuningEnvVar] || 'test';
  if (!tunings.includes(tuning)) {
    throw new InfraError(
      component,
      `${postgresTuningEnvVar}=${tuning} is not a tuning; use one of ${tunings.join(', ')}`,
    );
  }
  return tuning;
}

export async function stopPostgres() {
  return stopComponent(component, {
    marker: (state) => state.dataDir,
    // SIGINT is PostgreSQL's fast shutdown: roll back open transactions, then exit.
    signal: 'SIGINT',
  });
}

async function runningServer(tuning) {
  const state = await runningComponent(component, {
    marker: (state) => state.dataDir,
    check: checkPostgres,
    signal: 'SIGINT',
  });
  // Servers recorded before tunings existed are test servers.
  if (state && (state.tuning ?? 'test') !== tuning) {
    throw new InfraError(
      component,
      `the local server (pid ${state.pid}) runs with the ${state.tuning ?? 'test'} tuning, not ${tuning}; stop it first (node scripts/infra/stop.mjs postgres)`,
    );
  }
  return state;
}

/**
 * `test`: durability off, the data is thrown away. `production`: durable commits and memory
 * sized as a dedicated database host would have it (a quarter of memory for shared buffers),
 * for benchmarks that should see what a deployment sees.
 */
function tuningSettings(tuning) {
  if (tuning === 'test') {
    return ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off'];
  }
  const memoryMb = Math.floor(totalmem() / 1024 / 1024);
  return [
    'fsync = on',
    'synchronous_commit = on',
    'full_page_writes = on',
    `shared_buffers = ${Math.floor(memoryMb / 4)}MB`,
    `effective_cache_size = ${Math.floor((memoryMb * 3) / 4)}MB`,
    `maintenance_work_mem = ${Math.min(2048, Math.floor(memoryMb / 16))}MB`,
    'work_mem = 16MB',
    'wal_buffers = 16MB',
    'min_wal_size = 1GB',
    'max_wal_size = 8GB',
    'checkpoint_completion_target = 0.9',
    'random_page_cost = 1.1',
    'effective_io_concurrency = 200',
  ];
}

async function startServer(tuning) {
  const startedAt = Date.now();
  const binDir = findBinDir();
  const osUser = isRoot ? await serverOsUser() : undefined;
  const baseDir = serverBaseDir(osUser);
  const dataDir = join(baseDir, 'data');
  const logFile = join(baseDir, 'server.log');
  const pwFile = join(baseDir, 'pwfile');

  rmSync(dataDir, { recursive: true, force: true });
  rmSync(logFile, { force: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (osUser)
    for (const path of [baseDir, dataDir, pwFile]) chownSync(path, osUser.uid, osUser.gid);

  const asServerUser = (command, args) =>
    osUser
      ? run(component, 'runuser', ['-u', osUser.name, '--', command, ...args])
      : run(component, command, args);

  await asServerUser(join(binDir, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    user,
    `--pwfile=${pwFile}`,
    '--auth=scram-sha-256',
    '-E',
    'UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  const port = await freePort();
  // Loopback only, no unix socket (its path could be too long).
  appendFileSync(
    join(dataDir, 'postgresql.conf'),
    [
      '',
      `# crosswalk ${tuning} server`,
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      'max_connections = 300',
      ...tuningSettings(tuning),
      '',
    ].join('\n'),
  );
  try {
    await asServerUser(join(binDir, 'pg_ctl'), [
      '-D',
      dataDir,
      '-l',
      logFile,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  } catch (error) {
    throw new InfraError(component, `${error.message}\n--- ${logFile} ---\n${tail(logFile)}`);
  }
  const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const url = `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;

  const admin = new pg.Client({
    connectionString: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
  });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const version = await checkPostgres(url);
  writeState(component, {
    pid,
    port,
    url,
    dataDir,
    logFile,
    tuning,
    startedAt: new Date().toISOString(),
  });
  log(
    component,
    `started ${version.split(',')[0]} (${tuning} tuning) on 127.0.0.1:${port} (pid ${pid}) in ${Date.now() - startedAt} ms`,
  );
  return { url };
}

/** Debian keeps each major version under /usr/lib/postgresql/<major>/bin; take the newest. */
function findBinDir() {
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const majors = readdirSync(debianRoot)
      .filter((name) => existsSync(join(debianRoot, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (majors[0]) return join(debianRoot, majors[0], 'bin');
  }
  const pgConfig = which('pg_config');
  if (pgConfig) {
    const binDir = spawnSync(pgConfig, ['--bindir'], { encoding: 'utf8' }).stdout.trim();
    if (existsSync(join(binDir, 'initdb'))) return binDir;
  }
  const initdb = which('initdb');
  if (initdb) return join(initdb, '..');
  throw new InfraError(
    component,
    'PostgreSQL server binaries (initdb, pg_ctl) not found: install them (apt-get install -y postgresql) or set DATABASE_URL',
  );
}

/** PostgreSQL refuses to run as root: use the postgres OS user, creating a dedicated one if absent. */
async function serverOsUser() {
  for (const name of ['postgres', 'crosswalk-pg']) {
    const ids = lookupUser(name);
    if (ids) return ids;
  }
  await run(component, 'useradd', [
    '--system',
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    'crosswalk-pg',
  ]);
  const ids = lookupUser('crosswalk-pg');
  if (!ids) throw new InfraError(component, 'could not create an OS user to run PostgreSQL');
  return ids;
}

function lookupUser(name) {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * .cache/infra/postgres, unless the server's OS user cannot reach it (a clone under a private home
 * folder): then a folder in the system temp dir, named after the work tree.
 */
function serverBaseDir(osUser) {
  const preferred = componentDir(component);
  if (!osUser) return preferred;
  chownSync(preferred, osUser.uid, osUser.gid);
  const probe = spawnSync('runuser', ['-u', osUser.name, '--', 'test', '-w', preferred]);
  if (probe.status === 0) return preferred;
  const tag = createHash('sha256').update(repoRoot).digest('hex').slice(0, 12);
  const fallback = join(tmpdir(), `crosswalk-infra-${tag}`, component);
  mkdirSync(fallback, { recursive: true, mode: 0o755 });
  chownSync(fallback, osUser.uid, osUser.gid);
  return fallback;
}

function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable url)';
  }
}
