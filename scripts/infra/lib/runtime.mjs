// Shared plumbing for the local test servers: paths, ports, pid checks, state files and locks.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const infraDir = join(repoRoot, '.cache', 'infra');

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export class InfraError extends Error {
  constructor(component, message) {
    const prefix = `[infra:${component}] `;
    super(message.startsWith(prefix) ? message : `${prefix}${message}`);
    this.name = 'InfraError';
  }
}

export function log(component, message) {
  process.stderr.write(`[infra:${component}] ${message}\n`);
}

export function componentDir(component) {
  const dir = join(infraDir, component);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A port the kernel just handed out on loopback; free at the time of asking. */
export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(address.port));
    });
  });
}

export function canConnect(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolveConnect) => {
    const socket = createConnection({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolveConnect(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** True when pid is alive and its command line mentions marker (guards against pid reuse). */
export function isOurProcess(pid, marker) {
  if (!isAlive(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return cmdline.includes(marker);
  } catch {
    // No /proc (not Linux): trust the pid.
    return true;
  }
}

export async function waitFor(description, check, { timeoutMs, intervalMs = 250, component }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
  throw new InfraError(
    component,
    `timed out after ${timeoutMs} ms waiting for ${description}${reason}`,
  );
}

export async function stopPid(pid, { signal = 'SIGTERM', timeoutMs = 30000 } = {}) {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    while (isAlive(pid)) await sleep(50);
  }
}

export function readState(component) {
  const file = join(infraDir, component, 'state.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeState(component, state) {
  writeFileSync(join(componentDir(component), 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
}

export function clearState(component) {
  rmSync(join(infraDir, component, 'state.json'), { force: true });
}

/**
 * Runs fn while holding a per-component lock directory, so two test runs in the same work tree
 * never initialise the same server at once. A lock whose owner died is taken over.
 */
export async function withLock(component, fn, timeoutMs = 15 * 60 * 1000) {
  mkdirSync(infraDir, { recursive: true });
  const lockDir = join(infraDir, `${component}.lock`);
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'owner'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lockDir, 'owner'), 'utf8'));
      } catch {
        // owner file not written yet
      }
      const age = ageMs(lockDir);
      if (
        (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) ||
        (Number.isNaN(owner) && age > 10000)
      ) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new InfraError(component, `lock ${lockDir} held by pid ${owner} for too long`);
      if (!announced) {
        log(component, `waiting for pid ${owner}, which is starting the server`);
        announced = true;
      }
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function ageMs(path) {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Runs a command to completion without blocking the event loop; throws with its output on failure. */
export function run(component, command, args, options = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) =>
      reject(new InfraError(component, `${command} could not run: ${error.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0) return resolveRun(output);
      const last = output.trim().split('\n').slice(-40).join('\n');
      reject(
        new InfraError(component, `${command} ${args.join(' ')} exited with ${code}\n${last}`),
      );
    });
  });
}

export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function which(command) {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * The one way a component is made reachable: the address in `envVar` when the environment
 * gives one (checked, never started or stopped here), else the local server a previous run
 * left running, else a new one. `startedHere` tells the caller whether it may stop it.
 */
export async function ensureComponent({ component, envVar, env, check, running, start }) {
  const given = env[envVar];
  if (given) {
    await check(given);
    return { url: given, source: 'env', startedHere: false };
  }
  return withLock(component, async () => {
    const reused = await running();
    if (reused) return { url: reused.url, source: 'reused', startedHere: false };
    const started = await start();
    return { url: started.url, source: 'started', startedHere: true };
  });
}

/** Stops the local server recorded for `component`, if it is still the process we started. */
export async function stopComponent(component, { marker, signal = 'SIGTERM', timeoutMs = 30000 }) {
  return withLock(component, async () => {
    const state = readState(component);
    if (!state) return false;
    const ours = isOurProcess(state.pid, marker(state));
    if (ours) await stopPid(state.pid, { signal, timeoutMs });
    clearState(component);
    return ours;
  });
}

/**
 * The server a previous run left for `component`, if it is still ours and answers `check`;
 * a recorded server that is gone or broken is cleared (and stopped) so a new one can start.
 */
export async function runningComponent(component, { marker, check, signal = 'SIGTERM' }) {
  const state = readState(component);
  if (!state) return undefined;
  if (!isOurProcess(state.pid, marker(state))) {
    clearState(component);
    return undefined;
  }
  try {
    await check(state.url);
    return state;
  } catch {
    await stopPid(state.pid, { signal });
    clearState(component);
    return undefined;
  }
}
