// `npm run demo`: generate the demo ERP sources, sync them into the embedded SQLite store, relay
// the events to the NDJSON file sink, and show what came out. Runs on a fresh machine with
// nothing but Node; it starts again from nothing each time (it clears data/ of its own files).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, 'data');
// The demo always shows the embedded defaults, whatever the shell says.
const env = { ...process.env };
delete env.DATABASE_URL;
delete env.KAFKA_BROKERS;

function run(label, args) {
  process.stdout.write(`\n▸ ${label}\n`);
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`demo: "${label}" failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
}

for (const path of [
  'crosswalk.sqlite',
  'crosswalk.sqlite-wal',
  'crosswalk.sqlite-shm',
  'events',
  'demo',
]) {
  rmSync(join(data, path), { recursive: true, force: true });
}
if (!existsSync(join(root, 'dist', 'apps', 'crosswalk')))
  run('build', [
    join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'),
    'build',
    'crosswalk',
  ]);

run('generate the demo ERP exports and SQL table', [join(root, 'demo', 'generate.mjs')]);
run('load the ERP SQL table into data/demo/erp.sqlite', [
  join(root, 'demo', 'load-sql-seed.mjs'),
  join(root, 'demo', 'generated', 'erp-customers.sql'),
  join(data, 'demo', 'erp.sqlite'),
]);
run('crosswalk validate-config', [join(root, 'bin', 'crosswalk.js'), 'validate-config']);
run('crosswalk sync', [join(root, 'bin', 'crosswalk.js'), 'sync']);
run('crosswalk status', [join(root, 'bin', 'crosswalk.js'), 'status']);

const eventsDir = join(data, 'events');
const files = existsSync(eventsDir)
  ? readdirSync(eventsDir).filter((name) => name.endsWith('.ndjson'))
  : [];
process.stdout.write('\n▸ events (one NDJSON line per Kafka record: key, headers, value)\n');
for (const name of files.sort()) {
  const lines = readFileSync(join(eventsDir, name), 'utf8').split('\n').filter(Boolean);
  process.stdout.write(`  ${relative(root, join(eventsDir, name))}: ${lines.length} records\n`);
}

// One customer that several sources agree on, as downstream services see it.
const snapshot = join(eventsDir, 'crosswalk.customer.snapshot.v1.ndjson');
if (existsSync(snapshot)) {
  const latest = new Map();
  for (const line of readFileSync(snapshot, 'utf8').split('\n').filter(Boolean)) {
    const record = JSON.parse(line);
    latest.set(record.key, record.value);
  }
  // A record that several systems agree on: the clearest picture of survivorship and lineage.
  const systems = (value) => new Set(value.sources.map((source) => source.connector)).size;
  const merged = [...latest.values()]
    .filter(
      (value) => value !== null && systems(value) >= 2 && value.quality.conflicts.length === 0,
    )
    .sort((a, b) => systems(b) - systems(a) || a.id.localeCompare(b.id))[0];
  if (merged) {
    process.stdout.write(
      `\n▸ a golden record built from ${merged.sources.length} source records (${[...new Set(merged.sources.map((source) => source.connector))].join(', ')})\n`,
    );
    process.stdout.write(`${JSON.stringify(merged, null, 2)}\n`);
  }
}
process.stdout.write(
  `\nDone. The store is ${relative(root, join(data, 'crosswalk.sqlite'))}; events are in ${relative(root, eventsDir)}/.\n` +
    'Run `npx crosswalk status` any time; `npm start` runs the service with its schedules.\n',
);
