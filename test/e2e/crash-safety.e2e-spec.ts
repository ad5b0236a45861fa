import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ERP_CSV_MAPPING, writeErpCsv } from './support/erp-export';
import { readWholeTopic } from './support/kafka-topic';
import { runCli, startCli } from './support/crosswalk-cli';
import { countRows, snapshotStore } from './support/store-snapshot';
import { createWorkspace, type Workspace } from './support/workspace';

const ROWS = 50_000;
const TOPICS = [
  'crosswalk.customer.changes.v1',
  'crosswalk.customer.snapshot.v1',
  'crosswalk.quarantine.v1',
];

async function erpWorkspace(name: string): Promise<Workspace> {
  const workspace = await createWorkspace(name, [
    {
      name: 'erp',
      type: 'erp-file',
      pageSize: 1000,
      mappingYaml: ERP_CSV_MAPPING,
      options: [
        'dropFolder: ../drop',
        "filePattern: '*.csv'",
        'object: customers',
        'idColumns: [CUSTNO]',
        'csv:',
        "  delimiter: ';'",
      ].join('\n'),
    },
  ]);
  await writeErpCsv(join(workspace.dropFolder, 'customers.csv'), ROWS);
  return workspace;
}

async function publishedEventIds(workspace: Workspace): Promise<Record<string, string[]>> {
  const ids: Record<string, string[]> = {};
  for (const topic of TOPICS) {
    const messages = await readWholeTopic(`${workspace.topicPrefix}${topic}`);
    // At-least-once: a redelivery repeats an id; the set of ids is what must match.
    ids[topic] = [
      ...new Set(
        messages.map(
          (message) => message.headers['ce_id'] ?? message.headers['crosswalk-event-id'] ?? '',
        ),
      ),
    ].sort();
  }
  return ids;
}

describe('crash safety: SIGKILL in the middle of a sync', () => {
  let uninterrupted: Workspace;
  let interrupted: Workspace;

  beforeAll(async () => {
    [uninterrupted, interrupted] = await Promise.all([
      erpWorkspace('whole'),
      erpWorkspace('killed'),
    ]);
  });

  afterAll(async () => {
    await Promise.all([uninterrupted?.cleanup(), interrupted?.cleanup()]);
  });

  it('resumes from the last committed page: same store, same published event ids', async () => {
    const whole = await runCli(['sync', '--config', uninterrupted.configDir], uninterrupted.env);
    expect(whole.stderr).not.toContain('crosswalk:');
    expect(whole.code).toBe(0);

    const { child, done } = startCli(['sync', '--config', interrupted.configDir], interrupted.env);
    // Kill once a good part, but not all, of the file has committed.
    let customers = 0;
    for (let tries = 0; tries < 600 && customers < ROWS / 4; tries += 1) {
      await sleep(100);
      customers = await countRows(interrupted.database.url, 'customers').catch(() => 0);
    }
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');
    const customersAtKill = await countRows(interrupted.database.url, 'customers');
    expect(customersAtKill).toBeGreaterThan(0);
    expect(customersAtKill).toBeLessThan(await countRows(uninterrupted.database.url, 'customers'));

    const resumed = await runCli(['sync', '--config', interrupted.configDir], interrupted.env);
    expect(resumed.stderr).not.toContain('crosswalk:');
    expect(resumed.code).toBe(0);

    const [expected, actual] = await Promise.all([
      snapshotStore(uninterrupted.database.url),
      snapshotStore(interrupted.database.url),
    ]);
    expect(actual.customers.length).toBeGreaterThan(ROWS / 2);
    expect(actual.quarantine.length).toBe(ROWS / 500);
    expect(actual).toEqual(expected);

    const [expectedIds, actualIds] = await Promise.all([
      publishedEventIds(uninterrupted),
      publishedEventIds(interrupted),
    ]);
    expect(actualIds['crosswalk.customer.changes.v1']?.length).toBeGreaterThan(ROWS / 2);
    expect(await countRows(interrupted.database.url, 'outbox WHERE published_at IS NULL')).toBe(0);
    expect(actualIds).toEqual(expectedIds);
  }, 1_200_000);
});
