import { type MatchFeatures } from '../normalise/match-features';
import {
  type BlockingField,
  type BlockingListField,
  type BlockingRule,
  DEFAULT_BLOCKING_RULES,
  joinedValuesOf,
} from './blocking-rule';

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
 * gives both records a common key, so no set of all pairs is ever held. Keys are integers
 * (feature values interned once), so a million records cost no key strings; blocks are
 * visited in the order their first record comes, members in record order.
 */
export function candidatePairs(
  records: readonly MatchFeatures[],
  rules: readonly BlockingRule[] = DEFAULT_BLOCKING_RULES,
  options: CandidatePairOptions = DEFAULT_CANDIDATE_PAIR_OPTIONS,
): CandidatePairs {
  const pairs = new PairBuffer();
  const report: BlockingReport = { pairsByRule: [], oversized: [], oversizedCount: 0 };
  const values = internedValuesOf(records);
  const earlier: { rule: BlockingRule; keys: RecordKeys }[] = [];
  for (const rule of rules) {
    const keys = recordKeysOf(records, rule, values);
    const blocks = blocksOf(keys, records.length);
    const before = pairs.count;
    const previous = earlier
      .filter((entry) => entry.rule.kind === rule.kind)
      .map((entry) => entry.keys);
    const multiKey = keys.start !== null;
    const listValues = values.listValues(rule);
    for (let b = 0; b < blocks.order.length; b += 1) {
      const key = blocks.order[b] ?? 0;
      const from = blocks.start[key] ?? 0;
      const to = blocks.start[key + 1] ?? 0;
      const size = to - from;
      if (size < 2) continue;
      if (size > options.maxBlockSize) {
        report.oversizedCount += 1;
        report.oversized.push({
          rule: rule.name,
          kind: rule.kind,
          key: keyText(rule, key, records[blocks.members[from] ?? 0], values),
          size,
        });
        continue;
      }
      for (let a = from; a < to; a += 1) {
        const i = blocks.members[a] ?? 0;
        for (let c = a + 1; c < to; c += 1) {
          const j = blocks.members[c] ?? 0;
          // A record with two keys of this rule in one block (two e-mails) is listed once per key.
          if (
            i === j ||
            sharesEarlierKey(previous, i, j) ||
            (multiKey && sharesSmallerKey(keys, i, j, key, listValues))
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

/**
 * The keys one rule gives each record, as integers. A join rule gives at most one key per
 * record: `single[i]` (-1 for none), `start` null. A list rule gives any number: record i's
 * keys are `keys[start[i]..start[i + 1]]`, each the interned value itself.
 */
interface RecordKeys {
  start: Int32Array | null;
  keys: Int32Array;
  /** Keys are 0..keySpace-1. */
  keySpace: number;
}

/**
 * Interned values by record list: training blocks the same records again rule by rule, and
 * interning a million records' values is most of the cost of blocking them. Records are
 * never modified, so what was interned stays true; the entry goes with the list.
 */
const INTERNED = new WeakMap<readonly MatchFeatures[], InternedValues>();

function internedValuesOf(records: readonly MatchFeatures[]): InternedValues {
  let values = INTERNED.get(records);
  if (values === undefined) {
    values = new InternedValues(records);
    INTERNED.set(records, values);
  }
  return values;
}

/** Feature values interned per field (sounds share one table: the name-pair rule sorts them). */
class InternedValues {
  private readonly scalars = new Map<BlockingField, { ids: Int32Array; size: number }>();
  private readonly lists = new Map<
    BlockingListField,
    { start: Int32Array; ids: Int32Array; values: string[] }
  >();
  private readonly sounds = new Map<string, number>();

  constructor(private readonly records: readonly MatchFeatures[]) {}

  /**
   * Id of each record's value of a field; -1 when empty or held by one record only (such a
   * value joins no pair, and most e-mails, phones and streets are such).
   */
  scalar(field: BlockingField): { ids: Int32Array; size: number } {
    const known = this.scalars.get(field);
    if (known !== undefined) return known;
    const isSound = field === 'givenSound' || field === 'familySound' || field === 'orgSound';
    const table = isSound ? this.sounds : new Map<string, number>();
    const ids = new Int32Array(this.records.length);
    const seen = isSound ? null : seenTwice(this.records.map((record) => record[field]));
    this.records.forEach((record, index) => {
      const value = record[field];
      ids[index] = value === '' || seen?.(value) === false ? -1 : internIn(table, value);
    });
    // Sounds keep growing as more sound fields are interned; other tables are done with.
    const interned = isSound
      ? {
          ids,
          get size() {
            return table.size;
          },
        }
      : { ids, size: table.size };
    this.scalars.set(field, interned);
    return interned;
  }

  /** Every record's values of a list field, as ids into `values`. */
  list(field: BlockingListField): { start: Int32Array; ids: Int32Array; values: string[] } {
    const known = this.lists.get(field);
    if (known !== undefined) return known;
    const table = new Map<string, number>();
    const start = new Int32Array(this.records.length + 1);
    let total = 0;
    this.records.forEach((record, index) => {
      total += record[field].length;
      start[index + 1] = total;
    });
    const ids = new Int32Array(total);
    const all = new Array<string>(total);
    let next = 0;
    for (const record of this.records) {
      for (const value of record[field]) all[next++] = value;
    }
    const seen = seenTwice(all);
    let at = 0;
    for (const record of this.records) {
      for (const value of record[field]) {
        ids[at] = seen(value) ? internIn(table, value) : -1;
        at += 1;
      }
    }
    const interned = { start, ids, values: [...table.keys()] };
    this.lists.set(field, interned);
    return interned;
  }

  listValues(rule: BlockingRule): readonly string[] {
    return 'each' in rule ? this.list(rule.each).values : [];
  }
}

const SEEN_BUCKETS = 1 << 22;

/**
 * Whether a value may occur twice among `values`: counted by hash bucket first, so values
 * that occur once (in a bucket of their own) never enter an interning map. A value in a
 * shared bucket is taken as repeated, which costs only an id.
 */
function seenTwice(values: readonly string[]): (value: string) => boolean {
  const counts = new Uint8Array(SEEN_BUCKETS);
  for (const value of values) {
    const bucket = bucketOf(value);
    if ((counts[bucket] ?? 0) < 2) counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return (value) => (counts[bucketOf(value)] ?? 0) >= 2;
}

/** FNV-1a hash of a value, cut to a bucket of `SEEN_BUCKETS`. */
function bucketOf(value: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index += 1) {
    hash = Math.imul(hash ^ value.charCodeAt(index), 0x01000193);
  }
  return (hash >>> 0) & (SEEN_BUCKETS - 1);
}

function internIn(table: Map<string, number>, value: string): number {
  let id = table.get(value);
  if (id === undefined) {
    id = table.size;
    table.set(value, id);
  }
  return id;
}

function recordKeysOf(
  records: readonly MatchFeatures[],
  rule: BlockingRule,
  values: InternedValues,
): RecordKeys {
  const ofKind = (index: number) => records[index]?.kind === rule.kind;
  if ('each' in rule) {
    const list = values.list(rule.each);
    const start = new Int32Array(records.length + 1);
    const keys = new Int32Array(list.ids.length);
    let at = 0;
    for (let index = 0; index < records.length; index += 1) {
      if (ofKind(index)) {
        for (let v = list.start[index] ?? 0; v < (list.start[index + 1] ?? 0); v += 1) {
          const id = list.ids[v] ?? -1;
          if (id < 0) continue;
          keys[at] = id;
          at += 1;
        }
      }
      start[index + 1] = at;
    }
    return { start, keys: keys.subarray(0, at), keySpace: list.values.length };
  }
  const [firstField, ...otherFields] = rule.join;
  if (firstField === undefined) {
    return { start: null, keys: new Int32Array(records.length).fill(-1), keySpace: 0 };
  }
  const first = values.scalar(firstField);
  let keys = Int32Array.from(first.ids);
  for (let index = 0; index < records.length; index += 1) if (!ofKind(index)) keys[index] = -1;
  let keySpace = first.size;
  if (rule.multiWord === true) {
    keys = keys.map((id, index) => {
      const record = records[index];
      return record !== undefined &&
        id >= 0 &&
        rule.join.every((field) => record[field].includes(' '))
        ? id
        : -1;
    });
  }
  const others = otherFields.map((field) => values.scalar(field));
  if (rule.unordered === true && others.length > 1) {
    // Sorted by value (as `joinedValuesOf` sorts), record by record.
    const columns = others.map((other) => Int32Array.from(other.ids));
    const order = otherFields.map((_, position) => position);
    records.forEach((record, index) => {
      order.sort((a, b) => {
        const left = otherFields[a];
        const right = otherFields[b];
        return left !== undefined && right !== undefined && record[left] < record[right] ? -1 : 1;
      });
      order.forEach((from, to) => {
        const column = columns[to];
        if (column !== undefined) column[index] = others[from]?.ids[index] ?? -1;
      });
    });
    columns.forEach((ids, position) => {
      others[position] = { ids, size: others[position]?.size ?? 0 };
    });
  }
  for (const other of others) {
    keySpace = pairIds(keys, other.ids, keySpace, other.size);
  }
  return { start: null, keys, keySpace };
}

/**
 * Replaces each `x[e]` by a dense id of the pair (x[e], y[e]), in place; -1 when either is.
 * Returns the number of ids. Counting sort on x, then the distinct y within each x: linear,
 * typed arrays only.
 */
function pairIds(x: Int32Array, y: Int32Array, xSize: number, ySize: number): number {
  const start = new Int32Array(xSize + 1);
  for (let e = 0; e < x.length; e += 1) {
    const xe = x[e] ?? -1;
    if (xe >= 0 && (y[e] ?? -1) >= 0) start[xe + 1] = (start[xe + 1] ?? 0) + 1;
  }
  for (let v = 0; v < xSize; v += 1) start[v + 1] = (start[v + 1] ?? 0) + (start[v] ?? 0);
  const fill = start.slice(0, xSize);
  const order = new Int32Array(start[xSize] ?? 0);
  for (let e = 0; e < x.length; e += 1) {
    const xe = x[e] ?? -1;
    if (xe < 0 || (y[e] ?? -1) < 0) continue;
    const at = fill[xe] ?? 0;
    order[at] = e;
    fill[xe] = at + 1;
  }
  const slot = new Int32Array(ySize);
  const stamp = new Int32Array(ySize).fill(-1);
  let count = 0;
  x.fill(-1);
  for (let v = 0; v < xSize; v += 1) {
    for (let k = start[v] ?? 0; k < (start[v + 1] ?? 0); k += 1) {
      const e = order[k] ?? 0;
      const ye = y[e] ?? 0;
      if (stamp[ye] !== v) {
        stamp[ye] = v;
        slot[ye] = count;
        count += 1;
      }
      x[e] = slot[ye] ?? 0;
    }
  }
  return count;
}

/** Members of each key (record order), and the keys in the order their first member comes. */
function blocksOf(
  keys: RecordKeys,
  recordCount: number,
): { start: Int32Array; members: Int32Array; order: Int32Array } {
  const start = new Int32Array(keys.keySpace + 1);
  const firstSeen = new Uint8Array(keys.keySpace);
  const order: number[] = [];
  const visit = (callback: (record: number, key: number) => void) => {
    for (let index = 0; index < recordCount; index += 1) {
      if (keys.start === null) {
        const key = keys.keys[index] ?? -1;
        if (key >= 0) callback(index, key);
      } else {
        for (let k = keys.start[index] ?? 0; k < (keys.start[index + 1] ?? 0); k += 1) {
          callback(index, keys.keys[k] ?? 0);
        }
      }
    }
  };
  visit((_record, key) => {
    start[key + 1] = (start[key + 1] ?? 0) + 1;
    if (firstSeen[key] === 0) {
      firstSeen[key] = 1;
      order.push(key);
    }
  });
  for (let key = 0; key < keys.keySpace; key += 1) {
    start[key + 1] = (start[key + 1] ?? 0) + (start[key] ?? 0);
  }
  const fill = start.slice(0, keys.keySpace);
  const members = new Int32Array(start[keys.keySpace] ?? 0);
  visit((record, key) => {
    const at = fill[key] ?? 0;
    members[at] = record;
    fill[key] = at + 1;
  });
  return { start, members, order: Int32Array.from(order) };
}

function keysOfRecord(keys: RecordKeys, index: number): { from: number; to: number } {
  if (keys.start === null) {
    return (keys.keys[index] ?? -1) < 0 ? { from: 0, to: 0 } : { from: index, to: index + 1 };
  }
  return { from: keys.start[index] ?? 0, to: keys.start[index + 1] ?? 0 };
}

function sharesEarlierKey(previous: readonly RecordKeys[], i: number, j: number): boolean {
  for (const keys of previous) {
    if (keys.start === null) {
      const key = keys.keys[i] ?? -1;
      if (key >= 0 && key === keys.keys[j]) return true;
      continue;
    }
    const left = keysOfRecord(keys, i);
    const right = keysOfRecord(keys, j);
    for (let a = left.from; a < left.to; a += 1) {
      const key = keys.keys[a];
      for (let b = right.from; b < right.to; b += 1) if (keys.keys[b] === key) return true;
    }
  }
  return false;
}

/** Within one list rule, a pair sharing two keys is emitted under the smaller value only. */
function sharesSmallerKey(
  keys: RecordKeys,
  i: number,
  j: number,
  current: number,
  values: readonly string[],
): boolean {
  const left = keysOfRecord(keys, i);
  if (left.to - left.from < 2) return false;
  const right = keysOfRecord(keys, j);
  const currentValue = values[current] ?? '';
  for (let a = left.from; a < left.to; a += 1) {
    const key = keys.keys[a] ?? 0;
    if ((values[key] ?? '') >= currentValue) continue;
    for (let b = right.from; b < right.to; b += 1) if (keys.keys[b] === key) return true;
  }
  return false;
}

/** The key as `ruleKeysOf` writes it, for the report. */
function keyText(
  rule: BlockingRule,
  key: number,
  member: MatchFeatures | undefined,
  values: InternedValues,
): string {
  if ('each' in rule) return values.listValues(rule)[key] ?? '';
  return member === undefined ? '' : (joinedValuesOf(rule, member) ?? []).join('|');
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
