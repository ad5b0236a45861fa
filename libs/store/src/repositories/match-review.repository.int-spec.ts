import { type SourceKey } from '@crosswalk/model';
import { type CrosswalkStore } from '../crosswalk-store';
import { StoreErrorCode } from '../store.exception';
import { storeBackends } from '../testing/store-backends';
import { matchReviewId, type ProposedReview } from './match-review.repository';

const T1 = '2026-02-01T10:00:00.000Z';
const T2 = '2026-02-02T10:00:00.000Z';
const T3 = '2026-02-03T10:00:00.000Z';

function key(externalId: string): SourceKey {
  return { connector: 'crm', object: 'contacts', externalId };
}

/** Built as reconcile's MatchReview is: the repository takes it as it is, extra fields and all. */
function review(
  externalId: string,
  customerId: string,
  candidates: [string, number | null][],
): ProposedReview {
  const evidence = candidates.map(([candidate, probability]) =>
    probability === null
      ? { customerId: candidate, sharedKeys: ['email:a@x.se'] }
      : {
          customerId: candidate,
          sharedKeys: [],
          score: { matchWeight: 3, matchProbability: probability, comparisons: [] },
        },
  );
  return { key: key(externalId), customerId, matcher: 'probabilistic', candidates: evidence };
}

describe.each(storeBackends('reviews'))('MatchReviewRepository on $name', (backend) => {
  let store: CrosswalkStore;

  beforeAll(async () => {
    ({ store } = await backend.open());
  });

  afterAll(() => backend.close());

  it('proposes one row per candidate, refreshes pending rows and leaves decided ones', async () => {
    const inserted = await store.transaction((tx) =>
      tx.reviews.propose(
        [
          review('1', 'c1', [
            ['c2', 0.7],
            ['c3', 0.9],
          ]),
          review('2', 'c4', [['c5', null]]),
        ],
        T1,
      ),
    );
    expect(inserted).toBe(3);

    const id = matchReviewId(key('1'), 'c3');
    expect(await store.read.reviews.findById(id)).toEqual({
      id,
      key: key('1'),
      customerId: 'c1',
      candidateCustomerId: 'c3',
      matcher: 'probabilistic',
      matchProbability: 0.9,
      evidence: {
        customerId: 'c3',
        sharedKeys: [],
        score: { matchWeight: 3, matchProbability: 0.9, comparisons: [] },
      },
      status: 'pending',
      createdAt: T1,
      updatedAt: T1,
      decidedAt: null,
      decidedBy: null,
      note: null,
    });

    const decided = await store.read.reviews.decide(id, 'rejected', 'ops@x.se', 'not her', T2);
    expect(decided).toMatchObject({
      status: 'rejected',
      decidedBy: 'ops@x.se',
      decidedAt: T2,
      note: 'not her',
    });
    expect(await store.read.reviews.decide(id, 'accepted', 'other', null, T2)).toBeNull();
    expect(await store.read.reviews.decide('no-such-review', 'accepted', 'x', null, T2)).toBeNull();

    // The record moved to c9 and was scored again: the pending row follows, the decided one stays.
    expect(
      await store.read.reviews.propose(
        [
          review('1', 'c9', [
            ['c2', 0.75],
            ['c3', 0.99],
          ]),
        ],
        T3,
      ),
    ).toBe(0);
    expect(await store.read.reviews.findById(matchReviewId(key('1'), 'c2'))).toMatchObject({
      customerId: 'c9',
      matchProbability: 0.75,
      status: 'pending',
      createdAt: T1,
      updatedAt: T3,
    });
    expect(await store.read.reviews.findById(id)).toMatchObject({
      customerId: 'c1',
      matchProbability: 0.9,
      status: 'rejected',
      updatedAt: T2,
    });
    expect(await store.read.reviews.countByStatus()).toEqual({
      pending: 2,
      accepted: 0,
      rejected: 1,
      superseded: 0,
    });
  });

  it('pages the pending queue most probable first, without a probability last', async () => {
    await store.read.reviews.propose(
      [
        review('10', 'p1', [
          ['q1', 0.6],
          ['q2', 0.6],
          ['q3', 0.95],
        ]),
        review('11', 'p2', [
          ['q4', null],
          ['q5', 0.6],
        ]),
      ],
      T1,
    );
    const all = await store.read.reviews.findPending({ limit: 100 });
    expect(all.next).toBeNull();
    const probabilities = all.items.map((item) => item.matchProbability);
    expect(probabilities).toEqual([0.95, 0.75, 0.6, 0.6, 0.6, null, null]);
    const tied = all.items.filter((item) => item.matchProbability === 0.6).map((item) => item.id);
    expect(tied).toEqual([...tied].sort());

    for (const limit of [1, 2, 3]) {
      const paged: string[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 10; pages += 1) {
        const page = await store.read.reviews.findPending({ limit, after });
        paged.push(...page.items.map((item) => item.id));
        if (page.next === null) break;
        after = page.next;
      }
      expect(paged).toEqual(all.items.map((item) => item.id));
    }

    await expect(store.read.reviews.findPending({ limit: 5, after: 'x|y' })).rejects.toMatchObject({
      code: StoreErrorCode.InvalidCursor,
    });
  });

  it('supersedes the pending reviews a merge or split touched, on either side', async () => {
    await store.read.reviews.propose(
      [review('20', 's1', [['s2', 0.8]]), review('21', 's3', [['s4', 0.8]])],
      T1,
    );
    const accepted = matchReviewId(key('21'), 's4');
    await store.read.reviews.decide(accepted, 'accepted', 'ops', null, T2);

    expect(await store.read.reviews.supersedeInvolving(['s2', 's3'], T3)).toBe(1);
    expect(await store.read.reviews.findById(matchReviewId(key('20'), 's2'))).toMatchObject({
      status: 'superseded',
      updatedAt: T3,
    });
    expect((await store.read.reviews.findById(accepted))?.status).toBe('accepted');
    expect(await store.read.reviews.supersedeInvolving([], T3)).toBe(0);
  });

  it('proposes and supersedes tens of thousands of reviews within the bind limits', async () => {
    const many = Array.from({ length: 35_000 }, (_, index) =>
      review(`bulk-${index}`, `bulk-own-${index}`, [[`bulk-candidate-${index}`, 0.55]]),
    );
    expect(await store.transaction((tx) => tx.reviews.propose(many, T1))).toBe(35_000);
    const before = await store.read.reviews.countByStatus();
    expect(
      await store.transaction((tx) =>
        tx.reviews.supersedeInvolving(
          many.map((item) => item.customerId),
          T2,
        ),
      ),
    ).toBe(35_000);
    const after = await store.read.reviews.countByStatus();
    expect(after.pending).toBe(before.pending - 35_000);
    expect(after.superseded).toBe(before.superseded + 35_000);
  });
});
