// Starts (or reuses) the local test servers and prints their addresses as shell exports:
//   eval "$(node scripts/infra/start.mjs)"            all of them
//   node scripts/infra/start.mjs postgres kafka       only those named
// Servers given by DATABASE_URL, KAFKA_BROKERS or CROSSWALK_TEST_MARIADB_URL are checked, not started.
import { components, ensureAll } from './index.mjs';

const known = components.map((c) => c.name);
const names = process.argv.slice(2);
const unknown = names.filter((name) => !known.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown component(s): ${unknown.join(', ')}; known: ${known.join(', ')}\n`);
  process.exit(2);
}
try {
  const { env } = await ensureAll(process.env, names.length > 0 ? names : known);
  for (const [name, value] of Object.entries(env))
    process.stdout.write(`export ${name}='${value}'\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
