// A throwaway MariaDB server for tests (the erp-sql connector's second dialect), from the
// machine's mariadb-server binaries.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import {
  InfraError,
  canConnect,
  componentDir,
  ensureComponent,
  freePort,
  stopComponent,
  isAlive,
  isRoot,
  log,
  runningComponent,
  repoRoot,
  run,
  stopPid,
  tail,
  waitFor,
  which,
  writeState,
} from './lib/runtime.mjs';

const component = 'mariadb';
export const mariadbEnvVar = 'CROSSWALK_TEST_MARIADB_URL';
const user = 'crosswalk';
const password = 'crosswalk';
const database = 'crosswalk';

export async function checkMariaDb(url) {
  let connection;
  try {
    connection = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return rows[0].version;
  } catch (error) {
    throw new InfraError(component, `cannot reach MariaDB at ${redact(url)}: ${error.message}`);
  } finally {
    await connection?.end().catch(() => undefined);
  }
}

/**
 * Returns a reachable MariaDB url: CROSSWALK_TEST_MARIADB_URL when set, else a local server
 * started here (or the one a previous run left running).
 */
export async function ensureMariaDb(env = process.env) {
  return ensureComponent({
    component,
    envVar: mariadbEnvVar,
    env,
    check: checkMariaDb,
    running: runningServer,
    start: startServer,
  });
}

export async function stopMariaDb() {
  return stopComponent(component, { marker: (state) => state.dataDir });
}

function runningServer() {
  return runningComponent(component, { marker: (state) => state.dataDir, check: checkMariaDb });
}

async function startServer() {
  const startedAt = Date.now();
  const server = findBinary(['mariadbd', 'mysqld'], ['/usr/sbin/mariadbd', '/usr/sbin/mysqld']);
  const installDb = findBinary(['mariadb-install-db', 'mysql_install_db'], []);
  if (!server || !installDb) {
    throw new InfraError(
      component,
      'MariaDB server binaries (mariadbd, mariadb-install-db) not found: install them (apt-get install -y mariadb-server) or set CROSSWALK_TEST_MARIADB_URL',
    );
  }
  const baseDir = componentDir(component);
  const dataDir = join(baseDir, 'data');
  const logFile = join(baseDir, 'server.log');
  const socket = socketPath(baseDir);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(logFile, { force: true });
  rmSync(socket, { force: true });
  mkdirSync(dataDir, { recursive: true });
  // As root the server runs as root (it refuses to without being told so); the data is throwaway.
  const userOption = isRoot ? ['--user=root'] : [];

  await run(component, installDb, [
    '--no-defaults',
    `--datadir=${dataDir}`,
    ...userOption,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
  ]);

  const port = await freePort();
  const out = openSync(logFile, 'a');
  const child = spawn(
    server,
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      ...userOption,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${socket}`,
      `--pid-file=${join(baseDir, 'mariadbd.pid')}`,
      '--skip-name-resolve',
      '--skip-log-bin',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--max-connections=300',
      '--innodb-buffer-pool-size=128M',
      // Durability off: a test server's data is thrown away.
      '--innodb-flush-log-at-trx-commit=0',
      '--innodb-doublewrite=0',
      '--sync-binlog=0',
    ],
    { cwd: baseDir, detached: true, stdio: ['ignore', out, out] },
  );
  child.unref();
  closeSync(out);
  const pid = child.pid;
  try {
    await waitFor(
      `mariadbd on 127.0.0.1:${port}`,
      async () => {
        if (!isAlive(pid)) throw new Error('mariadbd exited');
        return canConnect(port);
      },
      { timeoutMs: 60000, intervalMs: 200, component },
    );
    // The root account has no password and is local only: use it once, through the socket.
    const admin = await mysql.createConnection({ socketPath: socket, user: 'root' });
    try {
      await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
      await admin.query(`GRANT ALL PRIVILEGES ON *.* TO '${user}'@'%' WITH GRANT OPTION`);
      await admin.query(
        `CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stopPid(pid, { timeoutMs: 5000 });
    throw new InfraError(component, `${error.message}\n--- ${logFile} ---\n${tail(logFile)}`);
  }
  const url = `mysql://${user}:${password}@127.0.0.1:${port}/${database}`;
  const version = await checkMariaDb(url);
  writeState(component, {
    pid,
    port,
    url,
    dataDir,
    socket,
    logFile,
    startedAt: new Date().toISOString(),
  });
  log(
    component,
    `started MariaDB ${version} on 127.0.0.1:${port} (pid ${pid}) in ${Date.now() - startedAt} ms`,
  );
  return { url };
}

function findBinary(names, paths) {
  for (const name of names) {
    const found = which(name);
    if (found) return found;
  }
  return paths.find((path) => existsSync(path));
}

/** A unix socket path must stay under ~100 bytes; fall back to the temp dir for deep clones. */
function socketPath(baseDir) {
  const preferred = join(baseDir, 'mariadbd.sock');
  if (Buffer.byteLength(preferred) < 100) return preferred;
  const tag = createHash('sha256').update(repoRoot).digest('hex').slice(0, 12);
  return join(tmpdir(), `crosswalk-mariadb-${tag}.sock`);
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
