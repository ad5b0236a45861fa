// `npm run demo`: generate the demo ERP sources, start the local CRM sandbox as a stand-in for
// Salesforce (seeded with customers that overlap the ERP data), sync everything into the
// embedded SQLite store, relay the events to the NDJSON file sink, and show what came out.
// Runs on a fresh machine with nothing but Node; it starts again from nothing each time (it
// clears data/ of its own files).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, 'data');
const cli = join(root, 'bin', 'crosswalk.js');
// config/crosswalk.yaml's salesforce connector logs in at http://127.0.0.1:4010
const SANDBOX_PORT = 4010;
const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`;
// Records the sandbox generates itself, besides the ones that overlap the ERP data.
const GENERATED = { Account: 40, Contact: 80, Lead: 20 };
// The demo always shows the embedded defaults, whatever the shell says.
const env = { ...process.env };
delete env.DATABASE_URL;
delete env.KAFKA_BROKERS;

let sandbox;
process.on('exit', () => sandbox?.kill('SIGTERM'));

function fail(message, code = 1) {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(code);
}

function run(label, args) {
  process.stdout.write(`\n▸ ${label}\n`);
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) fail(`"${label}" failed (exit ${result.status ?? result.signal})`);
}

/** A few customers of the ERP export as a sales team would have typed them into Salesforce. */
function salesforceOverlap() {
  const folder = join(root, 'demo', 'generated', 'drop', 'erp-csv');
  const name = readdirSync(folder).find((file) => file.endsWith('.csv'));
  if (!name) fail(`no ERP export in ${relative(root, folder)}`);
  // the export's first rows are well-formed; its deliberately broken rows come later
  const head = readFileSync(join(folder, name), 'utf8').split(/\r?\n/).slice(0, 300).join('\n');
  const rows = parse(head, { columns: true, skip_empty_lines: true, relax_column_count: true });
  const email = (row) => row.EMAIL.trim().toLowerCase();
  const usable = rows.filter((row) => /^[^@\s,]+@[^@\s,]+\.[a-z]+$/.test(email(row)));
  const phone = (row) => (/\d{6}/.test(row.PHONE.replace(/\D/g, '')) ? row.PHONE : null);
  const organizations = usable.filter((row) => row.TYPE === 'C' && /^[A-Z]{2}/.test(row.VAT_NO));
  const persons = usable.filter((row) => row.TYPE === 'P');
  const split = (full) => {
    const parts = full.trim().split(/\s+/);
    return { FirstName: parts.slice(0, -1).join(' ') || null, LastName: parts.at(-1) };
  };
  const accounts = organizations.slice(0, 25).map((row) => ({
    object: 'Account',
    fields: {
      Name: row.NAME.trim(),
      Type: 'Customer - Direct',
      Phone: phone(row),
      Website: `https://www.${email(row).split('@')[1]}`,
      BillingStreet: row.STREET,
      BillingPostalCode: row.ZIP,
      BillingCity: row.CITY,
      BillingCountry: row.COUNTRY.trim(),
      // the VAT id as sales typed it, and the ERP's customer number
      VAT_Number__c: row.VAT_NO.replace(/\s+/g, ''),
      ERP_Number__c: row.CUSTNO,
    },
  }));
  const contacts = persons.slice(0, 30).map((row) => ({
    object: 'Contact',
    fields: {
      ...split(row.NAME),
      Email: email(row),
      MobilePhone: phone(row),
      Birthdate: row.BIRTH_DATE || null,
      MailingStreet: row.STREET,
      MailingPostalCode: row.ZIP,
      MailingCity: row.CITY,
      MailingCountry: row.COUNTRY.trim(),
      ERP_Number__c: row.CUSTNO,
    },
  }));
  // private customers asking about an offer: Salesforce wants a Company on a Lead
  const leads = persons.slice(30, 40).map((row) => ({
    object: 'Lead',
    fields: {
      ...split(row.NAME),
      Company: '[not provided]',
      Email: email(row),
      Phone: phone(row),
      Country: row.COUNTRY.trim(),
      Status: 'Open - Not Contacted',
      LeadSource: 'Web',
      IsConverted: false,
    },
  }));
  return [...accounts, ...contacts, ...leads];
}

/** Starts apps/crm-sandbox on SANDBOX_PORT; resolves once it listens. */
function startSandbox(optionsFile) {
  process.stdout.write(`\n▸ start the CRM sandbox (a local Salesforce) on ${SANDBOX_URL}\n`);
  sandbox = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(root, 'apps', 'crm-sandbox', 'src', 'main.ts')],
    {
      cwd: root,
      env: {
        ...env,
        CRM_SANDBOX_PORT: String(SANDBOX_PORT),
        CRM_SANDBOX_HOST: '127.0.0.1',
        CRM_SANDBOX_SEED: '20240301',
        CRM_SANDBOX_SALESFORCE_OPTIONS: optionsFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let said = '';
    const timer = setTimeout(
      () => reject(new Error('the sandbox did not start within 60 s')),
      60_000,
    );
    const listen = (chunk) => {
      said += chunk;
      if (said.includes('listening on')) {
        clearTimeout(timer);
        process.stdout.write(said);
        resolve();
      }
    };
    sandbox.stdout.setEncoding('utf8').on('data', listen);
    sandbox.stderr.setEncoding('utf8').on('data', (chunk) => (said += chunk));
    sandbox.once('exit', (code) => {
      clearTimeout(timer);
      const busy = said.includes('EADDRINUSE')
        ? ` (port ${SANDBOX_PORT} is taken: stop what listens there and run the demo again)`
        : '';
      reject(new Error(`the sandbox exited (code ${code})${busy}\n${said.trim()}`));
    });
  });
}

async function stopSandbox() {
  if (!sandbox || sandbox.exitCode !== null) return;
  const exited = new Promise((resolve) => sandbox.once('exit', resolve));
  sandbox.kill('SIGTERM');
  await exited;
  process.stdout.write('\n▸ stopped the CRM sandbox\n');
}

/** The sandbox's control API (not part of Salesforce): what a sales rep would do in the UI. */
async function control(method, path, body) {
  const response = await fetch(`${SANDBOX_URL}/__sandbox/salesforce${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
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
if (!existsSync(join(root, 'dist', 'apps', 'crosswalk', 'apps', 'crosswalk', 'src', 'cli.js')))
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
run('crosswalk validate-config', [cli, 'validate-config']);

// The sandbox trusts the demo's published JWT certificate for the connected app the config names.
const overlap = salesforceOverlap();
const optionsFile = join(data, 'demo', 'crm-sandbox.json');
mkdirSync(dirname(optionsFile), { recursive: true });
writeFileSync(
  optionsFile,
  JSON.stringify(
    {
      records: GENERATED,
      // a few dirty values, as a real org has: they are quarantined once, even when re-read
      dirtyRate: 0.05,
      includeRecords: overlap,
      connectedApps: [
        {
          consumerKey: 'crosswalk-demo',
          consumerSecret: 'not-used-by-the-jwt-flow',
          certificate: readFileSync(join(root, 'demo', 'salesforce', 'demo-jwt.crt'), 'utf8'),
        },
      ],
    },
    null,
    2,
  ),
);
try {
  await startSandbox(optionsFile);
} catch (error) {
  fail(error.message);
}
process.stdout.write(
  `  Salesforce org: ${GENERATED.Account} + ${overlap.filter((r) => r.object === 'Account').length} Accounts, ` +
    `${GENERATED.Contact} + ${overlap.filter((r) => r.object === 'Contact').length} Contacts, ` +
    `${GENERATED.Lead} + ${overlap.filter((r) => r.object === 'Lead').length} Leads ` +
    '(generated + customers also in the ERP export)\n',
);

run('crosswalk sync (the ERP sources)', [cli, 'sync']);
run('crosswalk sync --connector salesforce (initial load, JWT bearer login)', [
  cli,
  'sync',
  '--connector',
  'salesforce',
]);

// Changes in Salesforce after the first load: an edited Account, a deleted Contact.
const accounts = await control('GET', '/records/Account');
const contacts = await control('GET', '/records/Contact');
const edited = accounts.ids[GENERATED.Account];
const removed = contacts.ids[0];
await control('POST', `/records/Account/${edited}`, { Phone: '+46 8 555 010 10' });
await control('DELETE', `/records/Contact/${removed}`);
process.stdout.write(
  `\n▸ in Salesforce: Account ${edited} gets a new phone number, Contact ${removed} is deleted\n`,
);
run(
  'crosswalk sync --connector salesforce (incremental: from the cursor less a 5-minute overlap, whose unchanged re-reads cost nothing)',
  [cli, 'sync', '--connector', 'salesforce'],
);
await stopSandbox();

run(
  'crosswalk reconcile --full (train the match model on the replica, re-cluster every record, queue the uncertain pairs for review)',
  [cli, 'reconcile', '--full'],
);
run('crosswalk review list (the uncertain pairs, most likely first)', [
  cli,
  'review',
  'list',
  '--limit',
  '5',
]);

run('crosswalk status', [cli, 'status']);

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
  // A record that several systems agree on, Salesforce among them: the clearest picture of
  // survivorship and lineage.
  const connectors = (value) => new Set(value.sources.map((source) => source.connector));
  const fromSalesforce = (value) => (connectors(value).has('salesforce') ? 1 : 0);
  const merged = [...latest.values()]
    .filter(
      (value) =>
        value !== null && connectors(value).size >= 2 && value.quality.conflicts.length === 0,
    )
    .sort(
      (a, b) =>
        fromSalesforce(b) - fromSalesforce(a) ||
        connectors(b).size - connectors(a).size ||
        a.id.localeCompare(b.id),
    )[0];
  if (merged) {
    process.stdout.write(
      `\n▸ a golden record built from ${merged.sources.length} source records (${[...connectors(merged)].join(', ')})\n`,
    );
    process.stdout.write(`${JSON.stringify(merged, null, 2)}\n`);
  }
}
process.stdout.write(
  `\nDone. The store is ${relative(root, join(data, 'crosswalk.sqlite'))}; events are in ${relative(root, eventsDir)}/.\n` +
    'Run `npx crosswalk status` any time; `npm start` runs the service with its schedules.\n',
);
