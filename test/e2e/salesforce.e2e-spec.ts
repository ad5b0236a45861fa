import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CrmSandbox, startCrmSandbox } from '../../apps/crm-sandbox/src';
import { runCli } from './support/crosswalk-cli';
import { readWholeTopic } from './support/kafka-topic';
import { countRows } from './support/store-snapshot';
import { createWorkspace, type Workspace } from './support/workspace';

/**
 * Salesforce end to end: the CLI reads Accounts, Contacts and Leads from the CRM sandbox
 * (started here, reached over HTTP) with the JWT bearer flow, into PostgreSQL and Kafka; the
 * session expires mid-run; a record deleted in Salesforce becomes a deleted event.
 */
const MAPPING = readFileSync(
  join(__dirname, '..', '..', 'demo', 'mappings', 'salesforce.yaml'),
  'utf8',
);
const GENERATED = { Account: 30, Contact: 40, Lead: 10 };

interface ChangeEvent {
  id: string;
  type: string;
  specversion: string;
  subject: string;
  data: { id: string; sources: { connector: string; object: string; externalId: string }[] };
}

describe('Salesforce end to end: the CRM sandbox into PostgreSQL and Kafka', () => {
  let sandbox: CrmSandbox;
  let workspace: Workspace;
  let soloLead: string;

  const sync = () =>
    runCli(['sync', '--connector', 'salesforce', '--config', workspace.configDir], workspace.env);
  const changes = async (): Promise<ChangeEvent[]> =>
    (await readWholeTopic(`${workspace.topicPrefix}crosswalk.customer.changes.v1`)).map(
      (message) => JSON.parse(message.value ?? 'null') as ChangeEvent,
    );

  beforeAll(async () => {
    sandbox = await startCrmSandbox({
      seed: 11,
      // clean generated values: every record becomes a customer
      salesforce: { records: GENERATED, dirtyRate: 0 },
    });
    // a person only Salesforce knows, so deleting it deletes the customer
    soloLead = sandbox.salesforce.createRecord('Lead', {
      FirstName: 'Ingrid',
      LastName: 'Solberg',
      Company: 'Solberg Snickeri AB',
      Email: 'ingrid.solberg@solberg-snickeri.example',
      Phone: '+46 31 701 23 45',
      Status: 'Open - Not Contacted',
      IsConverted: false,
    });
    const credentials = sandbox.salesforce.credentials();
    workspace = await createWorkspace('salesforce', [
      {
        name: 'salesforce',
        type: 'salesforce',
        mappingYaml: MAPPING,
        pageSize: 10,
        options: [
          `loginUrl: ${sandbox.url}`,
          'auth:',
          '  flow: jwt',
          `  clientId: ${credentials.consumerKey}`,
          `  username: ${credentials.username}`,
          '  privateKey: ${file:secrets/jwt.key}',
          'objects:',
          '  - name: Account',
          '  - name: Contact',
          '  - name: Lead',
          'pollIntervalMs: 50',
        ].join('\n'),
      },
    ]);
    mkdirSync(join(workspace.configDir, 'secrets'), { recursive: true });
    writeFileSync(join(workspace.configDir, 'secrets', 'jwt.key'), credentials.privateKey ?? '');
  });

  afterAll(async () => {
    await workspace?.cleanup();
    await sandbox?.close();
  });

  it('loads every object, logging in again when the session expires mid-run', async () => {
    const control = sandbox.salesforce;
    control.resetCallCounts();
    // the fourth query of the run finds every session expired
    control.injectFault({ endpoint: 'query', kind: 'invalid-session', skip: 3, times: 1 });
    const result = await sync();
    expect(result.stderr).not.toContain('crosswalk:');
    expect(result.code).toBe(0);
    const total = GENERATED.Account + GENERATED.Contact + GENERATED.Lead + 1;
    expect(result.stdout).toMatch(
      new RegExp(`salesforce: read ${total}, .*quarantined 0, failed 0`),
    );
    expect(control.faultRules()).toEqual([]);
    expect(control.callCounts()['oauth.token']).toBe(2);

    expect(await countRows(workspace.database.url, 'source_records')).toBe(total);
    const events = await changes();
    for (const event of events) {
      expect(event.specversion).toBe('1.0');
      expect(event.subject).toBe(event.data.id);
    }
    const sourced = new Set(
      events.flatMap((event) => event.data.sources.map((source) => source.externalId)),
    );
    expect(sourced.size).toBe(total);
    expect(sourced.has(soloLead)).toBe(true);
  });

  it('turns a record deleted in Salesforce into a customer.deleted event and a tombstone', async () => {
    const before = await changes();
    const customerId = before.find((event) =>
      event.data.sources.some((source) => source.externalId === soloLead),
    )?.data.id;
    expect(customerId).toBeDefined();

    sandbox.salesforce.deleteRecord('Lead', soloLead);
    const result = await sync();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /salesforce: read \d+, .*created 0, updated 0, merged 0, deleted 1/,
    );

    // partitions interleave in a topic read: tell the new events by id, not by position
    const seen = new Set(before.map((event) => event.id));
    const fresh = (await changes()).filter((event) => !seen.has(event.id));
    expect(fresh.map((event) => [event.type, event.data.id])).toEqual([
      ['crosswalk.customer.deleted.v1', customerId],
    ]);
    const snapshot = await readWholeTopic(`${workspace.topicPrefix}crosswalk.customer.snapshot.v1`);
    expect(snapshot.filter((message) => message.key === customerId).at(-1)?.value).toBeNull();
  });
});
