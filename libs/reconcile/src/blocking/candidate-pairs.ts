import { type MatchFeatures } from '../normalise/match-features';
import { type BlockingRule, DEFAULT_BLOCKING_RULES } from './blocking-rule';

export interface CandidatePairOptions {
  /**
   * Blocks larger than this are skipped and reported: a key shared by thousands of records
   * (a switchboard number, a placeholder postal code) says little and would cost n² pairs.
   */
  maxBlockSize: number;
}

export const DEFAULT_CANDIDATE_PAIR_OPTIONS: CandidatePairOptions = { maxBlockSize: 300 };

export interface OversizedBlock {
  rule: string;
  kind: string;
  key: string;
  size: number;
}

export interface BlockingReport {
  /** Pairs each rule added that no earlier rule had produced. */
  pairsByRule: { rule: string; kind: string; pairs: number }[];
  /** Skipped blocks, largest first (at most 50 listed; `oversizedCount` counts them all). */
  oversized: OversizedBlock[];
  oversizedCount: number;
}

export interface CandidatePairs {
  /** Pair p is (left[p], right[p]), indices into the records, left < right, each pair once. */
  left: Int32Array;
  right: Int32Array;
  count: number;
  report: BlockingReport;
}

/**
 * The union of the blocking rules' equi-joins. A pair is produced by the first rule that
 * joins it: for a later rule, a pair is skipped when an earlier rule of the same kind already
 * gives both records a common key, so no set of all pairs is ever held.
 */
export function candidatePairs(
  records: readonly MatchFeatures[],
  rules: readonly BlockingRule[] = DEFAULT_BLOCKING_RULES,
  options: CandidatePairOptions = DEFAULT_CANDIDATE_PAIR_OPTIONS,
): CandidatePairs {
  const pairs = new PairBuffer();
  const report: BlockingReport = { pairsByRule: [], oversized: [], oversizedCount: 0 };
  const earlier: { rule: BlockingRule; keys: (readonly string[])[] }[] = [];
  for (const rule of rules) {
    const keys = records.map((record) => (record.kind === rule.kind ? rule.keysOf(record) : []));
    const blocks = new Map<string, number[]>();
    keys.forEach((recordKeys, index) => {
      for (const key of recordKeys) {
        const block = blocks.get(key);
        if (block === undefined) blocks.set(key, [index]);
        else block.push(index);
      }
    });
    const before = pairs.count;
    const previous = earlier.filter((entry) => entry.rule.kind === rule.kind);
    for (const [key, block] of blocks) {
      if (block.length < 2) continue;
      if (block.length > options.maxBlockSize) {
        report.oversizedCount += 1;
        report.oversized.push({ rule: rule.name, kind: rule.kind, key, size: block.length });
        continue;
      }
      for (let a = 0; a < block.length; a += 1) {
        const i = block[a] ?? 0;
        for (let b = a + 1; b < block.length; b += 1) {
          const j = block[b] ?? 0;
          // A record with two keys of this rule in one block (two e-mails) is listed once per key.
          if (
            i === j ||
            sharesEarlierKey(previous, i, j) ||
            sharesEarlierKeyInRule(keys, i, j, key)
          ) {
            continue;
          }
          if (i < j) pairs.push(i, j);
          else pairs.push(j, i);
        }
      }
    }
    report.pairsByRule.push({ rule: rule.name, kind: rule.kind, pairs: pairs.count - before });
    earlier.push({ rule, keys });
  }
  report.oversized.sort((a, b) => b.size - a.size || (a.key < b.key ? -1 : 1));
  report.oversized = report.oversized.slice(0, 50);
  return { ...pairs.finish(), report };
}

function sharesEarlierKey(
  previous: readonly { keys: (readonly string[])[] }[],
  i: number,
  j: number,
): boolean {
  for (const { keys } of previous) {
    if (shareAny(keys[i] ?? [], keys[j] ?? [])) return true;
  }
  return false;
}

/** Within one multi-valued rule, a pair sharing two keys is emitted under the smaller key only. */
function sharesEarlierKeyInRule(
  keys: readonly (readonly string[])[],
  i: number,
  j: number,
  current: string,
): boolean {
  const left = keys[i] ?? [];
  if (left.length < 2) return false;
  const right = keys[j] ?? [];
  for (const key of left) {
    if (key < current && right.includes(key)) return true;
  }
  return false;
}

function shareAny(a: readonly string[], b: readonly string[]): boolean {
  for (const key of a) if (b.includes(key)) return true;
  return false;
}

/** Growable pair of index arrays: millions of pairs without millions of small arrays. */
class PairBuffer {
  private left = new Int32Array(1024);
  private right = new Int32Array(1024);
  count = 0;

  push(i: number, j: number): void {
    if (this.count === this.left.length) {
      const left = new Int32Array(this.left.length * 2);
      left.set(this.left);
      this.left = left;
      const right = new Int32Array(this.right.length * 2);
      right.set(this.right);
      this.right = right;
    }
    this.left[this.count] = i;
    this.right[this.count] = j;
    this.count += 1;
  }

  finish(): { left: Int32Array; right: Int32Array; count: number } {
    return {
      left: this.left.slice(0, this.count),
      right: this.right.slice(0, this.count),
      count: this.count,
    };
  }
}
