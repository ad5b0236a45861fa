import { planRecluster, type ReclusterPlan } from './recluster.plan';

const created = new Map([
  ['c1', 1_000],
  ['c2', 2_000],
  ['c3', 500],
]);

describe('planRecluster', () => {
  it.each<[string, string[], number[], ReclusterPlan]>([
    [
      'nothing to do when the clusters agree',
      ['c1', 'c1', 'c2'],
      [0, 0, 2],
      { splits: [], merges: [] },
    ],
    [
      'merges two customers one cluster now holds, oldest first',
      ['c2', 'c1', 'c2'],
      [0, 0, 0],
      { splits: [], merges: [[1, 0]] },
    ],
    [
      'splits off the minority of a customer',
      ['c1', 'c1', 'c1'],
      [0, 0, 2],
      { splits: [{ customerId: 'c1', parts: [[2]] }], merges: [] },
    ],
    [
      'a tie keeps the customer with the cluster of its lowest record',
      ['c1', 'c1'],
      [5, 3],
      { splits: [{ customerId: 'c1', parts: [[1]] }], merges: [] },
    ],
    [
      'a part split off one customer joins another',
      ['c1', 'c1', 'c1', 'c2'],
      [0, 0, 3, 3],
      { splits: [{ customerId: 'c1', parts: [[2]] }], merges: [[3, 2]] },
    ],
    [
      'parts of two customers form a new one',
      ['c1', 'c1', 'c1', 'c2', 'c2', 'c2'],
      [0, 0, 9, 3, 3, 9],
      {
        splits: [
          { customerId: 'c1', parts: [[2]] },
          { customerId: 'c2', parts: [[5]] },
        ],
        merges: [[2, 5]],
      },
    ],
    [
      'three customers into one survive as the oldest',
      ['c1', 'c2', 'c3'],
      [7, 7, 7],
      { splits: [], merges: [[2, 0, 1]] },
    ],
  ])('%s', (_, currentCustomer, clusterOf, expected) => {
    expect(planRecluster({ currentCustomer, clusterOf, createdMs: created })).toEqual(expected);
  });

  it('refuses inputs of different lengths', () => {
    expect(() =>
      planRecluster({ currentCustomer: ['c1'], clusterOf: [0, 1], createdMs: created }),
    ).toThrow(RangeError);
  });
});
