import { TOPICS } from '@crosswalk/events';
import { type CustomerFactsInput, type SourceKey } from '@crosswalk/model';
import {
  customerIdFor,
  type CustomerCluster,
  linkBatch,
  MatchFeatureExtractor,
  type MatchModel,
  splitCustomerId,
} from '@crosswalk/reconcile';
import { type CrosswalkStore } from '@crosswalk/store';
import { storeBackends } from '../../../store/src/testing/store-backends';
import {
  DEFAULT_MATCHING_SETTINGS,
  type MatchingSettings,
  resolveMatcher,
} from '../match/matcher.resolver';
import { loadClusters } from '../page/commit-page';
import { ConnectorSyncService } from '../run/connector-sync.service';
import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from '../run/sync-settings';
import { CurationErrorCode } from './curation.exception';
import { CustomerCurationService } from './customer-curation.service';
import { appendChangeMessages, writeSplit } from './customer-writes';
import { factsRow, ListSource } from '../testing/list-source.fixture';
import { fixturePools, generateSourceRecords, toSyntheticObservation } from '@crosswalk/synthetic';

interface ChangeEvent {
  id: string;
  type: string;
  subject: string;
  splitids?: string;
  absorbedids?: string;
}

const ACTOR = { by: 'ops@example.se', note: 'checked by phone' };

function settingsWith(matching: MatchingSettings = DEFAULT_MATCHING_SETTINGS): SyncSettings {
  return {
    ...DEFAULT_SYNC_SETTINGS,
    backoffMs: 1,
    policy: { sourcePriority: ['crm', 'shop'], staleAfterDays: 365 },
    defaultRegion: 'SE',
    matching,
  };
}

function keyOf(connector: string, externalId: string): SourceKey {
  return { connector, object: 'customers', externalId };
}

function person(given: string, family: string, extra: Partial<CustomerFactsInput> = {}) {
  return { kind: 'person', givenName: given, familyName: family, ...extra };
}

/** A model trained on a synthetic population, as `crosswalk reconcile --full` would store. */
function trainedModel(): MatchModel {
  const extractor = new MatchFeatureExtractor();
  const features = [
    ...generateSourceRecords(fixturePools(['SE']), { records: 1_500, seed: 7, countries: ['SE'] }),
  ].map((record) => extractor.extract(toSyntheticObservation(record).observation.facts));
  return linkBatch(features).model;
}

describe.each(storeBackends('curation'))('CustomerCurationService on $name', (backend) => {
  let store: CrosswalkStore;
  let crm: ListSource;
  let shop: ListSource;
  let sync: ConnectorSyncService;
  let curation: CustomerCurationService;

  const use = (settings: SyncSettings) => {
    sync = new ConnectorSyncService(store, settings);
    curation = new CustomerCurationService(store, settings);
  };

  /** Reads the whole source again, as a reset checkpoint would. */
  const syncAll = async (source: ListSource) => {
    await store.transaction((tx) => tx.checkpoints.clear(source.name));
    return sync.run(source.target(), { trigger: 'cli' });
  };

  const changeEvents = async (): Promise<ChangeEvent[]> => {
    const rows = await store.read.outbox.findPending(100_000, false);
    return rows
      .filter((row) => row.topic === TOPICS.changes && row.value !== null)
      .map((row) => JSON.parse(row.value ?? '{}') as ChangeEvent);
  };

  const customerOf = async (key: SourceKey) =>
    (await store.read.links.findCustomerIds([key])).get(
      `${key.connector}/${key.object}/${key.externalId}`,
    ) ?? null;

  beforeEach(async () => {
    ({ store } = await backend.open());
    use(settingsWith());
    crm = new ListSource('crm', [
      factsRow(
        'c1',
        person('Anna', 'Berg', { emails: ['anna.berg@example.se'], phones: ['070-123 45 67'] }),
      ),
    ]);
    shop = new ListSource('shop', [
      factsRow(
        's1',
        person('Anna', 'Berg', {
          emails: ['anna.berg@example.se'],
          addresses: [
            { lines: ['Storgatan 1'], postalCode: '111 22', city: 'Stockholm', country: 'SE' },
          ],
        }),
      ),
    ]);
    await syncAll(crm);
    await syncAll(shop);
  });

  afterEach(() => backend.close());

  const anna = customerIdFor(keyOf('crm', 'c1'));

  it('explains a customer: every link with its evidence, and the lineage of each field', async () => {
    const explanation = await curation.explain(anna);
    expect(explanation).not.toBeNull();
    expect(explanation?.links.map((link) => link.key.externalId).sort()).toEqual(['c1', 's1']);
    const shopLink = explanation?.links.find((link) => link.key.connector === 'shop');
    expect(shopLink?.evidence).toMatchObject({
      rule: 'match',
      candidates: [
        {
          customerId: anna,
          sharedKeys: expect.arrayContaining(['person:email:anna.berg@example.se']),
        },
      ],
    });
    expect(explanation?.lineage.phones).toEqual([
      expect.objectContaining({ connector: 'crm', externalId: 'c1' }),
    ]);
    expect(explanation?.lineage.addresses).toEqual([
      expect.objectContaining({ connector: 'shop', externalId: 's1' }),
    ]);
    expect(await curation.explain('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('pins a value over every sync, and unpinning gives the source value back', async () => {
    const before = (await changeEvents()).length;
    const pinned = await curation.pin(anna, 'emails', ' Anna@Berg.example ', ACTOR);
    expect(pinned.changes).toEqual([{ type: 'updated', customerId: anna }]);
    const golden = await store.read.customers.findById(anna);
    expect(golden?.emails).toEqual(['anna@berg.example']);
    expect(golden?.lineage.emails).toEqual([expect.objectContaining({ rule: 'manual-override' })]);
    expect((await changeEvents()).slice(before)).toEqual([
      expect.objectContaining({ type: 'crosswalk.customer.updated.v1', subject: anna }),
    ]);

    await curation.pin(anna, 'familyName', 'Berg-Lind', ACTOR);
    crm.rows = [
      factsRow(
        'c1',
        person('Anna', 'Bergström', {
          emails: ['anna.bergstrom@example.se'],
          phones: ['070-123 45 67'],
        }),
      ),
    ];
    await syncAll(crm);
    const afterSync = await store.read.customers.findById(anna);
    expect(afterSync).toMatchObject({ familyName: 'Berg-Lind', emails: ['anna@berg.example'] });

    const unpinned = await curation.unpin(anna, 'familyName', ACTOR);
    expect(unpinned.changes).toEqual([{ type: 'updated', customerId: anna }]);
    const restored = await store.read.customers.findById(anna);
    expect(restored?.familyName).toBe('Bergström');
    expect(restored?.lineage.familyName).toEqual([
      expect.objectContaining({ connector: 'crm', rule: 'source-priority' }),
    ]);
    // Unpinning a field that is not pinned changes nothing.
    expect(await curation.unpin(anna, 'familyName', ACTOR)).toMatchObject({ events: 0 });
  });

  it('refuses a value or a field that cannot be pinned, and an unknown customer', async () => {
    await expect(curation.pin(anna, 'emails', 'not-an-address', ACTOR)).rejects.toMatchObject({
      code: CurationErrorCode.InvalidValue,
    });
    await expect(curation.pin(anna, 'kind', 'organization', ACTOR)).rejects.toMatchObject({
      code: CurationErrorCode.InvalidField,
    });
    await expect(
      curation.pin('00000000-0000-4000-8000-000000000000', 'familyName', 'X', ACTOR),
    ).rejects.toMatchObject({ code: CurationErrorCode.CustomerNotFound });
    await expect(curation.acceptReview('no-such-review', ACTOR)).rejects.toMatchObject({
      code: CurationErrorCode.ReviewNotFound,
    });
  });

  it('splits a record off into a new customer that later syncs do not merge back', async () => {
    const before = (await changeEvents()).length;
    const outcome = await curation.split(anna, [[keyOf('shop', 's1')]], ACTOR);
    const [split, created] = outcome.changes;
    expect(split).toEqual({ type: 'split', customerId: anna });
    expect(created?.type).toBe('created');
    const partId = created?.customerId ?? '';
    expect(partId).not.toBe(anna);

    const events = (await changeEvents()).slice(before);
    expect(events.map((event) => [event.type, event.subject])).toEqual([
      ['crosswalk.customer.split.v1', anna],
      ['crosswalk.customer.created.v1', partId],
    ]);
    expect(events[0]?.splitids).toBe(partId);

    expect(await customerOf(keyOf('shop', 's1'))).toBe(partId);
    const moved = (await store.read.links.findByCustomer(partId))[0];
    expect(moved?.evidence).toMatchObject({ rule: 'split', splitFrom: anna });
    expect(await store.read.customers.findById(anna)).toMatchObject({
      sources: [expect.objectContaining({ connector: 'crm' })],
    });

    // The split-off record still shares the e-mail; the remembered decision keeps it apart.
    shop.rows = [
      factsRow(
        's1',
        person('Anna', 'Berg', { emails: ['anna.berg@example.se'], phones: ['070-123 45 67'] }),
      ),
    ];
    await syncAll(shop);
    await syncAll(crm);
    expect(await customerOf(keyOf('shop', 's1'))).toBe(partId);
    expect(await customerOf(keyOf('crm', 'c1'))).toBe(anna);
    expect(await store.read.customers.countByState()).toEqual({ live: 2, deleted: 0, merged: 0 });
  });

  it('cuts the same record off again after a sync merged the part back, under its old id', async () => {
    // A re-clustering's split remembers no decision, so a later sync may merge the part back.
    const first = await store.reconcileTransaction(async (tx) => {
      const [cluster] = await loadClusters(tx, [anna]);
      const keys = [keyOf('shop', 's1')];
      return writeSplit(tx, {
        cluster: cluster as CustomerCluster,
        parts: [{ id: splitCustomerId(anna, keys), keys }],
        policy: settingsWith().policy,
        matcher: (await resolveMatcher(tx, DEFAULT_MATCHING_SETTINGS)).matcher,
        now: new Date().toISOString(),
        decidedBy: 'crosswalk reconcile --full',
        remember: false,
      }).then((change) => appendChangeMessages(tx, [change], 'test', new Date().toISOString()));
    });
    expect(first).toBeGreaterThan(0);
    const partId = splitCustomerId(anna, [keyOf('shop', 's1')]);
    expect(await customerOf(keyOf('shop', 's1'))).toBe(partId);
    shop.rows = [
      factsRow(
        's1',
        person('Anna', 'Berg', { emails: ['anna.berg@example.se'], phones: ['070-123 45 67'] }),
      ),
    ];
    await syncAll(shop);
    expect(await customerOf(keyOf('shop', 's1'))).toBe(anna);
    const absorbed = await store.read.customers.findRecord(partId);
    expect(await store.read.customers.findById(partId)).toBeNull();

    const outcome = await curation.split(anna, [[keyOf('shop', 's1')]], ACTOR);

    expect(outcome.changes).toEqual([
      { type: 'split', customerId: anna },
      { type: 'created', customerId: partId },
    ]);
    expect(await customerOf(keyOf('shop', 's1'))).toBe(partId);
    expect((await store.read.customers.findById(partId))?.version).toBe(
      (absorbed?.version ?? 0) + 1,
    );
    const ids = (await store.read.outbox.findPending(100_000, false)).map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each<[string, SourceKey[][]]>([
    ['a record of another customer', [[keyOf('shop', 'unknown')]]],
    ['every record of the customer', [[keyOf('crm', 'c1'), keyOf('shop', 's1')]]],
    ['no record at all', []],
    ['an empty part', [[]]],
  ])('refuses a split naming %s', async (_, groups) => {
    await expect(curation.split(anna, groups, ACTOR)).rejects.toMatchObject({
      code: CurationErrorCode.InvalidSplit,
    });
    expect(await customerOf(keyOf('shop', 's1'))).toBe(anna);
  });

  it('unmerges an absorbed customer under its own id', async () => {
    crm.rows.push(factsRow('c2', person('Erik', 'Lund', { emails: ['erik@example.se'] })));
    shop.rows.push(factsRow('s2', person('Erik', 'Lund', { emails: ['erik.lund@work.example'] })));
    await syncAll(crm);
    await syncAll(shop);
    const erik = customerIdFor(keyOf('crm', 'c2'));
    const absorbedId = customerIdFor(keyOf('shop', 's2'));
    expect(await customerOf(keyOf('shop', 's2'))).toBe(absorbedId);
    await curation.pin(absorbedId, 'fullName', 'Erik Lund (work)', ACTOR);

    shop.rows[1] = factsRow(
      's2',
      person('Erik', 'Lund', { emails: ['erik.lund@work.example', 'erik@example.se'] }),
    );
    await syncAll(shop);
    expect(await customerOf(keyOf('shop', 's2'))).toBe(erik);
    expect((await changeEvents()).at(-1)).toMatchObject({
      type: 'crosswalk.customer.merged.v1',
      subject: erik,
      absorbedids: absorbedId,
    });
    const viaAbsorbed = await curation.explain(absorbedId);
    expect(viaAbsorbed).toMatchObject({ requestedId: absorbedId, mergedIds: [absorbedId] });
    expect(viaAbsorbed?.customer.id).toBe(erik);
    await expect(curation.unmerge(erik, anna, ACTOR)).rejects.toMatchObject({
      code: CurationErrorCode.NotAbsorbed,
    });

    const before = (await changeEvents()).length;
    expect((await store.read.customers.findById(erik))?.fullName).toBe('Erik Lund (work)');
    const outcome = await curation.unmerge(erik, absorbedId, ACTOR);
    expect(outcome.changes).toEqual([
      { type: 'split', customerId: erik },
      { type: 'created', customerId: absorbedId },
    ]);
    const events = (await changeEvents()).slice(before);
    expect(events[0]).toMatchObject({ type: 'crosswalk.customer.split.v1', splitids: absorbedId });
    expect(await customerOf(keyOf('shop', 's2'))).toBe(absorbedId);
    expect(await store.read.customers.resolveId(absorbedId)).toBe(absorbedId);
    const revived = await store.read.customers.findById(absorbedId);
    expect(revived?.sources.map((source) => source.externalId)).toEqual(['s2']);
    expect(revived?.version).toBeGreaterThan(1);
    // The pin set on the absorbed customer goes back with it, and off the survivor.
    expect(revived?.fullName).toBe('Erik Lund (work)');
    expect((await store.read.customers.findById(erik))?.fullName).not.toBe('Erik Lund (work)');
    expect([...(await store.read.overrides.findFor([erik])).keys()]).toEqual([]);
    // Every event id is distinct: the revived customer's events do not repeat its old ones.
    const ids = (await store.read.outbox.findPending(100_000, false)).map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe('with a stored match model', () => {
    let model: MatchModel;
    beforeAll(() => {
      model = trainedModel();
    });

    const johan = (email: string) =>
      person('Johan', 'Svensson', {
        emails: [email],
        addresses: [
          { lines: ['Storgatan 5'], postalCode: '111 22', city: 'Stockholm', country: 'SE' },
        ],
      });
    const karin = (email: string) =>
      person('Karin', 'Olsson', {
        emails: [email],
        addresses: [
          { lines: ['Ringvägen 9'], postalCode: '118 60', city: 'Stockholm', country: 'SE' },
        ],
      });

    beforeEach(async () => {
      await store.transaction((tx) =>
        tx.models.save({
          model,
          trainedAt: '2026-01-01T00:00:00.000Z',
          trainedOn: 1_500,
          metrics: {},
        }),
      );
      // Anything a blocking rule brings together and the model does not veto goes to review.
      use(settingsWith({ mode: 'probabilistic', thresholds: { link: 1, review: 0.000_001 } }));
      crm.rows.push(factsRow('c3', johan('johan.svensson@example.se')));
      crm.rows.push(factsRow('c4', karin('karin.olsson@example.se')));
      shop.rows.push(factsRow('s3', johan('jsvensson@mail.example')));
      shop.rows.push(factsRow('s4', karin('k.olsson@mail.example')));
      await syncAll(crm);
      await syncAll(shop);
    });

    const pendingFor = async (key: SourceKey) =>
      (await store.read.reviews.findPending({ limit: 1_000 })).items.filter(
        (review) =>
          review.key.externalId === key.externalId && review.key.connector === key.connector,
      );

    it('merges the two customers of an accepted review, and they stay merged', async () => {
      const [review, ...others] = await pendingFor(keyOf('shop', 's3'));
      expect(others).toEqual([]);
      const johanCrm = customerIdFor(keyOf('crm', 'c3'));
      expect(review).toMatchObject({
        customerId: customerIdFor(keyOf('shop', 's3')),
        candidateCustomerId: johanCrm,
        matchProbability: expect.any(Number),
      });

      const before = (await changeEvents()).length;
      const outcome = await curation.acceptReview(review?.id ?? '', ACTOR);
      expect(outcome.changes).toEqual([{ type: 'merged', customerId: johanCrm }]);
      expect((await changeEvents()).slice(before)).toEqual([
        expect.objectContaining({ type: 'crosswalk.customer.merged.v1', subject: johanCrm }),
      ]);
      expect(await customerOf(keyOf('shop', 's3'))).toBe(johanCrm);
      expect(await store.read.reviews.findById(review?.id ?? '')).toMatchObject({
        status: 'accepted',
        decidedBy: ACTOR.by,
      });
      await expect(curation.acceptReview(review?.id ?? '', ACTOR)).rejects.toMatchObject({
        code: CurationErrorCode.ReviewDecided,
      });
      await expect(curation.rejectReview(review?.id ?? '', ACTOR)).rejects.toMatchObject({
        code: CurationErrorCode.ReviewDecided,
      });

      shop.rows[1] = factsRow('s3', {
        ...johan('jsvensson@mail.example'),
        phones: ['08-123 456 78'],
      });
      crm.rows[1] = factsRow('c3', {
        ...johan('johan.svensson@example.se'),
        birthDate: '1971-03-04',
      });
      await syncAll(shop);
      await syncAll(crm);
      expect(await customerOf(keyOf('shop', 's3'))).toBe(johanCrm);
      expect(await customerOf(keyOf('crm', 'c3'))).toBe(johanCrm);
      expect(await store.read.customers.findById(johanCrm)).toMatchObject({
        phones: ['+46812345678'],
        birthDate: '1971-03-04',
      });
    });

    it('never proposes a rejected pair again', async () => {
      const [review] = await pendingFor(keyOf('shop', 's4'));
      expect(review?.candidateCustomerId).toBe(customerIdFor(keyOf('crm', 'c4')));
      const outcome = await curation.rejectReview(review?.id ?? '', ACTOR);
      expect(outcome).toEqual({ customerIds: [], events: 0, changes: [] });

      // Changes on both sides would propose the pair again, were it not rejected.
      shop.rows[2] = factsRow('s4', {
        ...karin('k.olsson@mail.example'),
        phones: ['08-765 432 10'],
      });
      crm.rows[2] = factsRow('c4', {
        ...karin('karin.olsson@example.se'),
        birthDate: '1980-05-06',
      });
      await syncAll(shop);
      await syncAll(crm);
      expect(await pendingFor(keyOf('shop', 's4'))).toEqual([]);
      expect(await pendingFor(keyOf('crm', 'c4'))).toEqual([]);
      expect(await customerOf(keyOf('shop', 's4'))).toBe(customerIdFor(keyOf('shop', 's4')));
      expect(await store.read.reviews.findById(review?.id ?? '')).toMatchObject({
        status: 'rejected',
      });

      // The pair not decided is still proposed after the same kind of change.
      shop.rows[1] = factsRow('s3', {
        ...johan('jsvensson@mail.example'),
        phones: ['08-123 456 78'],
      });
      await syncAll(shop);
      expect(await pendingFor(keyOf('shop', 's3'))).toHaveLength(1);
    });
  });
});
