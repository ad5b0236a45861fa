import { TOPICS, type StoredOutboxMessage } from '@crosswalk/events';
import { type CrosswalkStore } from '@crosswalk/store';
import { storeBackends } from '../../../store/src/testing/store-backends';
import { CustomerCurationService } from '../curation/customer-curation.service';
import { factsRow, ListSource } from '../testing/list-source.fixture';
import { ConnectorSyncService } from './connector-sync.service';
import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from './sync-settings';

const SETTINGS: SyncSettings = {
  ...DEFAULT_SYNC_SETTINGS,
  backoffMs: 1,
  policy: { sourcePriority: ['erp', 'crm'], staleAfterDays: 3_650 },
  defaultRegion: 'SE',
};

const FIRMS = 240;

/** The same firm in both sources: the same VAT id, so the two records are one customer. */
function firm(prefix: string, index: number) {
  return factsRow(`${prefix}-${index}`, {
    kind: 'organization',
    legalName: `Firm ${index} AB`,
    identifiers: [{ scheme: 'vat', value: `SE${5560000000 + index}01` }],
    emails: [`info@firm${index}.se`],
  });
}

/** One source's firms, 0 to FIRMS - 1, or the other way round. */
function firms(connector: 'erp' | 'crm', order: 'up' | 'down' = 'up'): ListSource {
  const prefix = connector === 'erp' ? 'e' : 'c';
  const indexes = Array.from({ length: FIRMS }, (_, i) => (order === 'up' ? i : FIRMS - 1 - i));
  return new ListSource(
    connector,
    indexes.map((index) => firm(prefix, index)),
  );
}

/** Every message of the outbox, in the order the relay publishes them. */
async function drainAll(store: CrosswalkStore): Promise<StoredOutboxMessage[]> {
  const seen: StoredOutboxMessage[] = [];
  while ((await store.drain(500, (batch) => Promise.resolve(void seen.push(...batch)))) > 0);
  return seen;
}

describe.each(storeBackends('concurrent-runs'))('two connectors at once on $name', (backend) => {
  let store: CrosswalkStore;

  beforeEach(async () => {
    ({ store } = await backend.open());
  });
  afterEach(async () => {
    await backend.close();
  });

  it('gives records sharing a customer one golden record, whichever page commits first', async () => {
    const erp = firms('erp');
    // The CRM holds the same firms in another order, so its pages meet the ERP's mid-run.
    const crm = firms('crm', 'down');
    const sync = new ConnectorSyncService(store, SETTINGS);

    const runs = await Promise.all([
      sync.run(erp.target(10), { trigger: 'cli' }),
      sync.run(crm.target(10), { trigger: 'cli' }),
    ]);

    expect(runs.map((run) => run.counts.read)).toEqual([FIRMS, FIRMS]);
    expect(await store.read.customers.countByState()).toMatchObject({ live: FIRMS });
    for (const index of [0, FIRMS / 2, FIRMS - 1]) {
      const linked = await store.read.links.findCustomerIds([
        { connector: 'erp', object: 'customers', externalId: `e-${index}` },
        { connector: 'crm', object: 'customers', externalId: `c-${index}` },
      ]);
      expect(new Set(linked.values()).size).toBe(1);
    }
  });

  it('publishes each customer’s versions in order, none lost or repeated', async () => {
    const erp = firms('erp');
    const crm = firms('crm');
    const sync = new ConnectorSyncService(store, SETTINGS);

    await Promise.all([
      sync.run(erp.target(10), { trigger: 'cli' }),
      sync.run(crm.target(10), { trigger: 'cli' }),
    ]);

    await expectVersionsInOrder(FIRMS);
  });

  it('lets a curation command and a run take turns on one golden record', async () => {
    const sync = new ConnectorSyncService(store, SETTINGS);
    await sync.run(firms('erp').target(10), { trigger: 'cli' });
    const linked = await store.read.links.findCustomerIds(
      Array.from({ length: 20 }, (_, i) => ({
        connector: 'erp',
        object: 'customers',
        externalId: `e-${i}`,
      })),
    );
    const curation = new CustomerCurationService(store, SETTINGS);
    const crm = firms('crm');

    // Pins keep coming, each a new value, for as long as the run goes on.
    let running = true;
    const run = sync.run(crm.target(5), { trigger: 'cli' }).finally(() => (running = false));
    for (let round = 0; running; round += 1) {
      for (const [index, id] of [...linked.values()].entries()) {
        await curation.pin(id, 'legalName', `Firm ${index} Holding ${round} AB`, { by: 'steward' });
      }
    }
    await run;

    await expectVersionsInOrder(FIRMS);
    const pinned = await store.read.customers.findByIds([...linked.values()]);
    for (const customer of pinned) expect(customer.legalName).toMatch(/^Firm \d+ Holding \d+ AB$/);
  });

  /** Each live customer's change events carry versions 1, 2, ... its version, in that order. */
  async function expectVersionsInOrder(customers: number): Promise<void> {
    const versions = new Map<string, number[]>();
    for (const message of await drainAll(store)) {
      if (message.topic !== TOPICS.changes || message.value === null) continue;
      const event = JSON.parse(message.value) as { data: { version: number } };
      versions.set(message.key, [...(versions.get(message.key) ?? []), event.data.version]);
    }
    const live = await store.read.customers.findByIds([...versions.keys()]);
    expect(live).toHaveLength(customers);
    for (const customer of live) {
      const expected = Array.from({ length: customer.version }, (_, i) => i + 1);
      expect({ id: customer.id, versions: versions.get(customer.id) }).toEqual({
        id: customer.id,
        versions: expected,
      });
    }
  }
});
