// The test servers as one set: ensure them all (given by env, reused, or started) and stop them.
import { ensurePostgres, postgresEnvVar, stopPostgres } from './postgres.mjs';
import { ensureKafka, kafkaEnvVar, stopKafka } from './kafka.mjs';
import { ensureMariaDb, mariadbEnvVar, stopMariaDb } from './mariadb.mjs';
import { InfraError } from './lib/runtime.mjs';

export const components = [
  { name: 'postgres', envVar: postgresEnvVar, ensure: ensurePostgres, stop: stopPostgres },
  { name: 'kafka', envVar: kafkaEnvVar, ensure: ensureKafka, stop: stopKafka },
  { name: 'mariadb', envVar: mariadbEnvVar, ensure: ensureMariaDb, stop: stopMariaDb },
];

/**
 * Makes every component reachable. Returns the env vars to hand to tests and the names of the
 * components this call started (the ones its caller may stop again). Throws when any fails.
 */
export async function ensureAll(env = process.env, names = components.map((c) => c.name)) {
  const selected = components.filter((c) => names.includes(c.name));
  const results = await Promise.allSettled(selected.map((c) => c.ensure(env)));
  const failures = [];
  const vars = {};
  const started = [];
  results.forEach((result, index) => {
    const c = selected[index];
    if (result.status === 'rejected') {
      failures.push(result.reason instanceof Error ? result.reason.message : String(result.reason));
      return;
    }
    vars[c.envVar] = result.value.url;
    if (result.value.startedHere) started.push(c.name);
  });
  if (failures.length > 0) {
    const error = new InfraError(
      'setup',
      `test infrastructure is not available:\n${failures.join('\n')}`,
    );
    // The caller may want to stop what did come up before the failure.
    error.started = started;
    throw error;
  }
  return { env: vars, started };
}

/** Stops the named local servers (all by default); servers given by env vars are never touched. */
export async function stopAll(names = components.map((c) => c.name)) {
  const stopped = [];
  for (const c of components.filter((x) => names.includes(x.name))) {
    if (await c.stop()) stopped.push(c.name);
  }
  return stopped;
}
