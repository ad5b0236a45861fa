import { type GoldenRecord } from '@crosswalk/model';
import { customerIdFor } from '@crosswalk/reconcile';
import { type CrosswalkStore } from '@crosswalk/store';
import { storeBackends } from '../../../store/src/testing/store-backends';
import { FullReconcileService } from '../recluster/full-reconcile.service';
import { ConnectorSyncService } from '../run/connector-sync.service';
import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from '../run/sync-settings';
import { factsRow, ListSource } from '../testing/list-source.fixture';

const SETTINGS: SyncSettings = {
  ...DEFAULT_SYNC_SETTINGS,
  backoffMs: 1,
  policy: { sourcePriority: ['erp', 'crm'], staleAfterDays: 365 },
  defaultRegion: 'SE',
};

const ACME = factsRow('org-1', {
  kind: 'organization',
  legalName: 'Acme Trading AB',
  identifiers: [{ scheme: 'vat', value: 'SE556000000101' }],
  website: 'https://www.acme-trading.se',
});

const contact = (id: string, extra: Record<string, unknown>) =>
  factsRow(id, { kind: 'person', givenName: 'Karin', familyName: `Lind ${id}`, ...extra });

const KEY = (connector: string, externalId: string) => ({
  connector,
  object: 'customers',
  externalId,
});

describe.each(storeBackends('organization-links'))(
  'persons and their organization on $name',
  (backend) => {
    let store: CrosswalkStore;

    beforeEach(async () => {
      ({ store } = await backend.open());
    });
    afterEach(async () => {
      await store.close();
    });

    async function sync(source: ListSource): Promise<void> {
      await new ConnectorSyncService(store, SETTINGS).run(source.target(100), { trigger: 'cli' });
    }

    async function goldenOf(connector: string, externalId: string): Promise<GoldenRecord> {
      const ids = await store.read.links.findCustomerIds([KEY(connector, externalId)]);
      const id = [...ids.values()][0];
      const golden = id === undefined ? null : await store.read.customers.findById(id);
      if (golden === null) throw new Error(`no customer for ${connector}/${externalId}`);
      return golden;
    }

    it.each([
      [
        'the identifiers the person record names',
        {
          organization: {
            name: 'ACME',
            identifiers: [{ scheme: 'vat', value: 'SE 5560000001 01' }],
          },
        },
      ],
      ['the domain of a work e-mail', { emails: ['karin.lind@acme-trading.se'] }],
      ['the organization name alone', { organization: { name: 'ACME TRADING A.B.' } }],
    ])('links a contact in the same page through %s', async (_, extra) => {
      await sync(new ListSource('erp', [ACME, contact('p-1', extra)]));
      const organization = await goldenOf('erp', 'org-1');
      expect((await goldenOf('erp', 'p-1')).organization?.customerId).toBe(organization.id);
    });

    it('links a contact synced after its organization, through the key index', async () => {
      await sync(new ListSource('erp', [ACME]));
      await sync(new ListSource('crm', [contact('c-9', { emails: ['k.lind@acme-trading.se'] })]));
      expect((await goldenOf('crm', 'c-9')).organization?.customerId).toBe(
        customerIdFor(KEY('erp', 'org-1')),
      );
    });

    it('links a contact synced after its organization through the identifier it names', async () => {
      await sync(new ListSource('erp', [ACME]));
      const named = { name: 'A', identifiers: [{ scheme: 'VAT', value: 'se556000000101' }] };
      await sync(new ListSource('crm', [contact('c-8', { organization: named })]));
      expect((await goldenOf('crm', 'c-8')).organization?.customerId).toBe(
        customerIdFor(KEY('erp', 'org-1')),
      );
    });

    it('does not link a contact to a deleted organization by its identifier', async () => {
      await sync(new ListSource('erp', [ACME]));
      await sync(new ListSource('erp', [ACME, { ...ACME, deleted: true }]));
      expect((await goldenOf('erp', 'org-1')).deleted).toBe(true);
      const named = { name: 'Other AB', identifiers: [{ scheme: 'vat', value: 'SE556000000101' }] };
      await sync(new ListSource('crm', [contact('c-7', { organization: named })]));
      expect((await goldenOf('crm', 'c-7')).organization?.customerId).toBeUndefined();
    });

    it('leaves a free-mail address and an ambiguous name unlinked', async () => {
      const twin = factsRow('org-2', { kind: 'organization', legalName: 'Acme Trading' });
      await sync(
        new ListSource('erp', [
          ACME,
          twin,
          contact('p-2', { emails: ['karin@gmail.com'], organization: { name: 'Acme Trading' } }),
        ]),
      );
      expect((await goldenOf('erp', 'p-2')).organization?.customerId).toBeUndefined();
    });

    it('a full reconcile links contacts that arrived before their organization', async () => {
      await sync(new ListSource('crm', [contact('c-1', { emails: ['karin@acme-trading.se'] })]));
      await sync(new ListSource('erp', [ACME]));
      expect((await goldenOf('crm', 'c-1')).organization?.customerId).toBeUndefined();

      const report = await new FullReconcileService(store, SETTINGS).run({
        retrain: false,
        dryRun: false,
      });
      const person = await goldenOf('crm', 'c-1');
      expect(person.organization?.customerId).toBe((await goldenOf('erp', 'org-1')).id);
      expect(report.events).toBeGreaterThan(0);
      const lineage = person.lineage.organization?.[0];
      expect(lineage?.connector).toBe('crm');
    });

    it('a full reconcile keeps what a sync changed while it ran', async () => {
      const original = contact('c-2', { emails: ['karin@acme-trading.se'] });
      await sync(new ListSource('crm', [original]));
      await sync(new ListSource('erp', [ACME]));
      // The sync lands after the full reconcile has read the replica, before it writes; the
      // source serves the renamed record after its checkpoint.
      const renamed = contact('c-2', { emails: ['karin@acme-trading.se'] });
      (renamed.payload['facts'] as Record<string, unknown>)['familyName'] = 'Lind-Berg';
      const service = new FullReconcileService(store, SETTINGS);
      const phases = service as unknown as { applySplits: (...args: unknown[]) => Promise<number> };
      const applySplits = phases.applySplits.bind(service);
      phases.applySplits = async (...args) => {
        await sync(new ListSource('crm', [original, renamed]));
        return applySplits(...args);
      };

      await service.run({ retrain: false, dryRun: false });

      const person = await goldenOf('crm', 'c-2');
      expect(person.familyName).toBe('Lind-Berg');
      expect(person.organization?.customerId).toBe((await goldenOf('erp', 'org-1')).id);
      const [stored] = await store.read.sourceRecords.findRecords([KEY('crm', 'c-2')]);
      expect(stored?.observation.facts).toMatchObject({ familyName: 'Lind-Berg' });
    });
  },
);
