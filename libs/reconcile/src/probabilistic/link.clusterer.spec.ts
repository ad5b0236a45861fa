import { clusterLinks, type ScoredPair } from './link.clusterer';

const options = { link: 0.95, cannotLink: 0.001 };
const pair = (
  left: number,
  right: number,
  matchProbability: number,
  deterministic = false,
): ScoredPair => ({
  left,
  right,
  matchProbability,
  deterministic,
});
const decided = (left: number, right: number, decision: 'same' | 'distinct'): ScoredPair => ({
  left,
  right,
  matchProbability: 0.5,
  deterministic: false,
  decision,
});

describe('clusterLinks', () => {
  it.each([
    ['links above the threshold join', 3, [pair(0, 1, 0.99), pair(1, 2, 0.97)], [0, 0, 0], 0],
    ['pairs below the threshold do not', 3, [pair(0, 1, 0.94)], [0, 1, 2], 0],
    [
      'a chain through a record is refused when its ends cannot link',
      3,
      [pair(0, 1, 0.99), pair(1, 2, 0.98), pair(0, 2, 0)],
      [0, 0, 2],
      1,
    ],
    [
      'the stronger link wins the contested record',
      3,
      [pair(1, 2, 0.999), pair(0, 1, 0.96), pair(0, 2, 0.0001)],
      [0, 1, 1],
      1,
    ],
    [
      'a deterministic link is taken first and is never refused',
      3,
      [pair(0, 1, 0.99), pair(1, 2, 1, true), pair(0, 2, 0)],
      [0, 1, 1],
      1,
    ],
    [
      'a weakly negative pair does not block',
      3,
      [pair(0, 1, 0.99), pair(1, 2, 0.98), pair(0, 2, 0.2)],
      [0, 0, 0],
      0,
    ],
    [
      'a decided same pair links whatever its score, and is taken before stronger scores',
      3,
      [pair(0, 1, 0), pair(1, 2, 0.999), decided(0, 1, 'same'), pair(0, 2, 0)],
      [0, 0, 2],
      1,
    ],
    [
      'a decided distinct pair holds back even a deterministic chain',
      3,
      [pair(0, 1, 1, true), pair(1, 2, 1, true), decided(0, 2, 'distinct')],
      [0, 0, 2],
      1,
    ],
    [
      'a decided distinct pair is never linked by its own score',
      2,
      [pair(0, 1, 1, true), decided(0, 1, 'distinct')],
      [0, 1],
      1,
    ],
    [
      'a scored cannot-link does not hold back a decided same pair',
      3,
      [decided(0, 1, 'same'), decided(1, 2, 'same'), pair(0, 2, 0)],
      [0, 0, 0],
      0,
    ],
  ])('%s', (_case, count, pairs, clusters, refused) => {
    const result = clusterLinks(count, pairs, options);
    expect(Array.from(result.clusterOf)).toEqual(clusters);
    expect(result.refusedLinks).toHaveLength(refused);
  });

  it('does not depend on the order of the pairs', () => {
    const pairs = [
      pair(0, 1, 0.99),
      pair(1, 2, 0.98),
      pair(0, 2, 0),
      pair(2, 3, 0.97),
      pair(3, 4, 0.96),
    ];
    const expected = Array.from(clusterLinks(5, pairs, options).clusterOf);
    expect(Array.from(clusterLinks(5, [...pairs].reverse(), options).clusterOf)).toEqual(expected);
  });
});
