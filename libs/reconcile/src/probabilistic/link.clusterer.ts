/** A scored candidate pair, as clustering reads it. */
export interface ScoredPair {
  left: number;
  right: number;
  matchProbability: number;
  /** Linked outright by a shared strong identifier or personal e-mail. */
  deterministic: boolean;
  /**
   * A person's verdict on the pair, which outranks any score: `same` links first of all,
   * `distinct` is a cannot-link that no link may cross, deterministic or decided ones included.
   */
  decision?: 'same' | 'distinct';
}

export interface ClusterOptions {
  /** Pairs at or above this probability link (deterministic pairs always do). */
  link: number;
  /**
   * Pairs at or below this probability (vetoed pairs are 0) are cannot-links: a merge that
   * would put both records of one into one cluster is refused.
   */
  cannotLink: number;
}

export interface ClusterResult {
  /** Cluster number of each record: the smallest record index in its cluster. */
  clusterOf: Int32Array;
  /** Links refused because they would have joined a cannot-link pair. */
  refusedLinks: { left: number; right: number; matchProbability: number }[];
}

/**
 * Connected components over links, with a guard against chains: links are taken strongest
 * first (decided `same`, deterministic, then by probability), and a merge is refused when any
 * record of one side has a cannot-link pair (a strongly negative score, e.g. another given
 * name or birth date) with any record of the other. So A~B and B~C never drag A and C together
 * when A and C were compared and found to be different customers. Scored cannot-links hold
 * back scored links only; a `distinct` decision holds back every link. Pure and independent of
 * pair order.
 */
export function clusterLinks(
  recordCount: number,
  pairs: readonly ScoredPair[],
  options: ClusterOptions,
): ClusterResult {
  const links: ScoredPair[] = [];
  for (const pair of pairs)
    if (pair.decision !== 'distinct' && isLink(pair, options)) links.push(pair);
  const keptApart = adjacencyOf(recordCount, pairs, (pair) => pair.decision === 'distinct');
  const cannot = adjacencyOf(
    recordCount,
    pairs,
    (pair) =>
      pair.decision !== 'distinct' &&
      !isLink(pair, options) &&
      pair.matchProbability <= options.cannotLink,
  );
  links.sort(
    (a, b) =>
      Number(b.decision === 'same') - Number(a.decision === 'same') ||
      Number(b.deterministic) - Number(a.deterministic) ||
      b.matchProbability - a.matchProbability ||
      a.left - b.left ||
      a.right - b.right,
  );

  const parent = new Int32Array(recordCount);
  for (let index = 0; index < recordCount; index += 1) parent[index] = index;
  const members = new Map<number, number[]>();
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    let node = index;
    while (parent[node] !== root) {
      const next = parent[node] ?? root;
      parent[node] = root;
      node = next;
    }
    return root;
  };
  const membersOf = (root: number): number[] => members.get(root) ?? [root];
  const crosses = (index: Adjacency, small: number[], largeRoot: number) => {
    for (const member of small) {
      for (let at = index.start[member] ?? 0; at < (index.start[member + 1] ?? 0); at += 1) {
        if (find(index.others[at] ?? member) === largeRoot) return true;
      }
    }
    return false;
  };

  const refusedLinks: ClusterResult['refusedLinks'] = [];
  for (const link of links) {
    const leftRoot = find(link.left);
    const rightRoot = find(link.right);
    if (leftRoot === rightRoot) continue;
    const leftMembers = membersOf(leftRoot);
    const rightMembers = membersOf(rightRoot);
    const [small, largeRoot] =
      leftMembers.length <= rightMembers.length
        ? [leftMembers, rightRoot]
        : [rightMembers, leftRoot];
    const guarded = !link.deterministic && link.decision !== 'same';
    if (
      (keptApart.others.length > 0 && crosses(keptApart, small, largeRoot)) ||
      (guarded && crosses(cannot, small, largeRoot))
    ) {
      refusedLinks.push({
        left: link.left,
        right: link.right,
        matchProbability: link.matchProbability,
      });
      continue;
    }
    const root = Math.min(leftRoot, rightRoot);
    const absorbed = root === leftRoot ? rightRoot : leftRoot;
    parent[absorbed] = root;
    const merged = membersOf(root);
    merged.push(...membersOf(absorbed));
    members.set(root, merged);
    members.delete(absorbed);
  }
  const clusterOf = new Int32Array(recordCount);
  for (let index = 0; index < recordCount; index += 1) clusterOf[index] = find(index);
  return { clusterOf, refusedLinks };
}

function isLink(pair: ScoredPair, options: ClusterOptions): boolean {
  return pair.decision === 'same' || pair.deterministic || pair.matchProbability >= options.link;
}

/** Each record's partners in the selected pairs: `others[start[i]..start[i + 1]]`. */
interface Adjacency {
  start: Int32Array;
  others: Int32Array;
}

/** Typed arrays rather than a map of lists: a million records have millions of cannot-links. */
function adjacencyOf(
  recordCount: number,
  pairs: readonly ScoredPair[],
  selected: (pair: ScoredPair) => boolean,
): Adjacency {
  const start = new Int32Array(recordCount + 1);
  for (const pair of pairs) {
    if (!selected(pair)) continue;
    start[pair.left + 1] = (start[pair.left + 1] ?? 0) + 1;
    start[pair.right + 1] = (start[pair.right + 1] ?? 0) + 1;
  }
  for (let index = 0; index < recordCount; index += 1) {
    start[index + 1] = (start[index + 1] ?? 0) + (start[index] ?? 0);
  }
  const fill = start.slice(0, recordCount);
  const others = new Int32Array(start[recordCount] ?? 0);
  const add = (from: number, to: number) => {
    const at = fill[from] ?? 0;
    others[at] = to;
    fill[from] = at + 1;
  };
  for (const pair of pairs) {
    if (!selected(pair)) continue;
    add(pair.left, pair.right);
    add(pair.right, pair.left);
  }
  return { start, others };
}
