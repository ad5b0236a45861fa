import { type PairDecision } from '../reconcile.types';
import { sourceKeyId } from '../support/compare';
import { PairDecisionIndex } from './pair-decision.index';

const A = { connector: 'crm', object: 'customers', externalId: 'a' };
const B = { connector: 'erp-sql', object: 'customers', externalId: 'b' };
const C = { connector: 'erp-file', object: 'customers', externalId: 'c' };

function decided(
  left: typeof A,
  right: typeof A,
  verdict: PairDecision['verdict'],
  decidedAt: string,
): PairDecision {
  return { left, right, verdict, origin: 'review', decidedBy: 'ops', decidedAt };
}

const T1 = '2025-01-01T00:00:00.000Z';
const T2 = '2025-02-01T00:00:00.000Z';

describe('PairDecisionIndex', () => {
  it.each<[string, PairDecision[], 'same' | 'distinct' | 'none']>([
    ['a single same', [decided(A, B, 'same', T1)], 'same'],
    ['a single distinct, either way round', [decided(B, A, 'distinct', T1)], 'distinct'],
    [
      'the later of two verdicts',
      [decided(A, B, 'distinct', T1), decided(B, A, 'same', T2)],
      'same',
    ],
    [
      'the later, whatever the input order',
      [decided(B, A, 'same', T2), decided(A, B, 'distinct', T1)],
      'same',
    ],
    [
      'distinct on the same instant',
      [decided(A, B, 'same', T1), decided(B, A, 'distinct', T1)],
      'distinct',
    ],
    ['nothing about other pairs', [decided(A, C, 'distinct', T1)], 'none'],
    ['nothing about a record and itself', [decided(A, A, 'distinct', T1)], 'none'],
  ])('holds %s', (_case, decisions, expected) => {
    const index = new PairDecisionIndex(decisions);
    const [a, b] = [sourceKeyId(A), sourceKeyId(B)];
    const actual = index.areDistinct(a, b)
      ? 'distinct'
      : index.sameAs(a).some((entry) => entry.partnerId === b)
        ? 'same'
        : 'none';
    expect(actual).toBe(expected);
    expect(index.areDistinct(b, a)).toBe(index.areDistinct(a, b));
    expect(index.sameAs(b).some((entry) => entry.partnerId === a)).toBe(actual === 'same');
  });

  it('lists the records decided the same as one, in source key order', () => {
    const index = new PairDecisionIndex([decided(A, C, 'same', T1), decided(B, A, 'same', T1)]);
    expect(index.sameAs(sourceKeyId(A)).map((entry) => entry.partnerId)).toEqual(
      [sourceKeyId(B), sourceKeyId(C)].sort(),
    );
    expect([...index.distinctFrom(sourceKeyId(A))]).toEqual([]);
  });
});
