import { type CustomerKind } from '@crosswalk/model';
import { type BlockingRule, DEFAULT_BLOCKING_RULES } from '../blocking/blocking-rule';
import {
  type CandidatePairOptions,
  candidatePairs,
  DEFAULT_CANDIDATE_PAIR_OPTIONS,
} from '../blocking/candidate-pairs';
import { type MatchFeatures } from '../normalise/match-features';
import {
  type ComparisonDefinition,
  DEFAULT_COMPARISONS,
  NULL_LEVEL,
} from './comparison.definitions';
import {
  type ComparisonParameters,
  DEFAULT_MATCH_THRESHOLDS,
  type KindModel,
  type MatchModel,
  type MatchThresholds,
} from './match-model';
import { seededRandom } from './seeded-random';

export interface TrainingOptions {
  /** Random record pairs per kind compared to estimate u. */
  uSamples: number;
  seed: number;
  /** Expectation-maximisation stops after this many rounds or when no m moves by `tolerance`. */
  maxIterations: number;
  tolerance: number;
  /** Term frequencies are kept for values held by at least this many records... */
  termMinCount: number;
  /** ...the most common ones first, at most this many per comparison. */
  termMaxValues: number;
  thresholds: MatchThresholds;
  /** EM sessions: see `TrainingSession`. */
  sessions: readonly TrainingSession[];
  /** A session trains on at most this many pairs (an even sample of its rule's pairs). */
  maxSessionPairs: number;
}

/**
 * One EM run on the pairs of one blocking rule, trusted only for the comparisons that rule
 * does not force to agree: pairs blocked on e-mail say how often names of true matches agree,
 * pairs blocked on names how often their e-mails and phones do. Run on all candidate pairs
 * at once, EM takes the many namesakes blocked on names for matches, and learns that a
 * different phone or birth date is common among them.
 */
export interface TrainingSession {
  kind: CustomerKind;
  /** Name of a blocking rule of this kind. */
  rule: string;
  /** Comparisons whose m this session estimates. */
  estimates: readonly string[];
}

export const DEFAULT_TRAINING_SESSIONS: readonly TrainingSession[] = [
  {
    kind: 'person',
    rule: 'email',
    estimates: ['givenName', 'familyName', 'birthDate', 'phones', 'addresses', 'organization'],
  },
  { kind: 'person', rule: 'phone', estimates: ['givenName', 'familyName', 'birthDate', 'emails'] },
  {
    kind: 'person',
    rule: 'name-words',
    estimates: ['birthDate', 'emails', 'phones', 'addresses', 'organization'],
  },
  {
    kind: 'organization',
    rule: 'id',
    estimates: ['legalName', 'domain', 'emails', 'phones', 'addresses'],
  },
  {
    kind: 'organization',
    rule: 'name',
    estimates: ['domain', 'identifiers', 'emails', 'phones', 'addresses'],
  },
];

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  uSamples: 300_000,
  seed: 20250601,
  maxIterations: 60,
  tolerance: 1e-5,
  termMinCount: 3,
  termMaxValues: 2000,
  thresholds: DEFAULT_MATCH_THRESHOLDS,
  sessions: DEFAULT_TRAINING_SESSIONS,
  maxSessionPairs: 500_000,
};

/**
 * Comparison level vectors of candidate pairs, grouped: EM only needs how many pairs show
 * each combination of levels.
 */
export interface LevelPatterns {
  kind: CustomerKind;
  /** Pattern code -> pair count; see `patternCode`. */
  counts: Map<number, number>;
  /** Candidate pairs of this kind. */
  pairs: number;
}

/** Mixed-radix code of a level vector; a null level is stored as the comparison's level count. */
export function patternCode(levels: readonly number[], radices: readonly number[]): number {
  let code = 0;
  for (let index = 0; index < levels.length; index += 1) {
    const level = levels[index] ?? NULL_LEVEL;
    const radix = radices[index] ?? 1;
    code = code * radix + (level === NULL_LEVEL ? radix - 1 : level);
  }
  return code;
}

export function decodePattern(code: number, radices: readonly number[]): number[] {
  const levels = new Array<number>(radices.length);
  let rest = code;
  for (let index = radices.length - 1; index >= 0; index -= 1) {
    const radix = radices[index] ?? 1;
    const digit = rest % radix;
    levels[index] = digit === radix - 1 ? NULL_LEVEL : digit;
    rest = Math.floor(rest / radix);
  }
  return levels;
}

/** Per kind: level counts plus one slot for null. */
export function radicesOf(definitions: readonly ComparisonDefinition[]): number[] {
  return definitions.map((definition) => definition.levels.length + 1);
}

/**
 * u: the distribution of levels among records that are not one customer, estimated from
 * random pairs (almost all of which are not). Laplace smoothing keeps every u above zero.
 */
export function estimateU(
  records: readonly MatchFeatures[],
  definitions: readonly ComparisonDefinition[],
  samples: number,
  seed: number,
): number[][] {
  const random = seededRandom(seed);
  const counts = definitions.map((definition) => new Float64Array(definition.levels.length));
  if (records.length >= 2) {
    const n = records.length;
    const pairs = new Float64Array(samples);
    for (let sample = 0; sample < samples; sample += 1) {
      const i = Math.floor(random() * n);
      let j = Math.floor(random() * (n - 1));
      if (j >= i) j += 1;
      pairs[sample] = i * n + j;
    }
    // Visited in record order: the counts are sums, and a million records read at random
    // would miss the memory caches on every pair.
    pairs.sort();
    for (const pair of pairs) {
      const i = Math.floor(pair / n);
      const a = records[i];
      const b = records[pair - i * n];
      if (a === undefined || b === undefined) continue;
      for (let index = 0; index < definitions.length; index += 1) {
        const level = definitions[index]?.compare(a, b) ?? NULL_LEVEL;
        const row = counts[index];
        if (level !== NULL_LEVEL && row !== undefined) row[level] = (row[level] ?? 0) + 1;
      }
    }
  }
  return counts.map((row) => {
    const total = row.reduce((sum, count) => sum + count, 0);
    return Array.from(row, (count) => (count + 1) / (total + row.length));
  });
}

/**
 * m by expectation-maximisation over the candidate pairs' level patterns: a two-class
 * mixture (one customer / not) with conditionally independent comparisons. The u it fits
 * describes non-matching pairs *that were blocked together* and is discarded: scoring uses
 * the u from random sampling, as blocked non-matches agree far more often than random ones.
 * Returns m per comparison level and the share of candidate pairs that match.
 */
export function estimateM(
  patterns: ReadonlyMap<number, number>,
  radices: readonly number[],
  initialU: readonly (readonly number[])[],
  options: Pick<TrainingOptions, 'maxIterations' | 'tolerance'>,
): { m: number[][]; matchShare: number } {
  const decoded = [...patterns].map(([code, count]) => ({
    levels: decodePattern(code, radices),
    count,
  }));
  let m = radices.map((radix) => initialM(radix - 1));
  let u = initialU.map((row) => [...row]);
  let share = 0.1;
  for (let iteration = 0; iteration < options.maxIterations; iteration += 1) {
    const mSums = radices.map((radix) => new Float64Array(radix - 1));
    const uSums = radices.map((radix) => new Float64Array(radix - 1));
    let matchTotal = 0;
    let total = 0;
    for (const { levels, count } of decoded) {
      let pMatch = share;
      let pNon = 1 - share;
      levels.forEach((level, index) => {
        if (level === NULL_LEVEL) return;
        pMatch *= m[index]?.[level] ?? 1;
        pNon *= u[index]?.[level] ?? 1;
      });
      const responsibility = pMatch + pNon > 0 ? pMatch / (pMatch + pNon) : 0;
      matchTotal += responsibility * count;
      total += count;
      levels.forEach((level, index) => {
        if (level === NULL_LEVEL) return;
        const mRow = mSums[index];
        const uRow = uSums[index];
        if (mRow !== undefined) mRow[level] = (mRow[level] ?? 0) + responsibility * count;
        if (uRow !== undefined) uRow[level] = (uRow[level] ?? 0) + (1 - responsibility) * count;
      });
    }
    const nextM = mSums.map(normalised);
    const moved = Math.max(
      ...nextM.flatMap((row, index) =>
        row.map((value, level) => Math.abs(value - (m[index]?.[level] ?? 0))),
      ),
    );
    m = nextM;
    u = uSums.map(normalised);
    share = total > 0 ? Math.min(Math.max(matchTotal / total, 1e-9), 1 - 1e-9) : share;
    if (moved < options.tolerance) break;
  }
  return { m, matchShare: share };
}

/** The most similar level gets most of the mass to start with, so the classes do not swap. */
function initialM(levels: number): number[] {
  const raw = Array.from({ length: levels }, (_, level) => Math.pow(0.25, level));
  return normalised(Float64Array.from(raw));
}

/** Proportions, floored so no level is impossible (a log weight of -infinity). */
function normalised(row: Float64Array | readonly number[]): number[] {
  const floor = 1e-6;
  const total = Array.from(row).reduce((sum, value) => sum + value, 0);
  const shares = Array.from(row, (value) => (total > 0 ? value / total : 1 / row.length));
  const floored = shares.map((value) => Math.max(value, floor));
  const flooredTotal = floored.reduce((sum, value) => sum + value, 0);
  return floored.map((value) => value / flooredTotal);
}

/** Share of records holding each common value of a term-frequency comparison. */
export function termFrequencies(
  records: readonly MatchFeatures[],
  definition: ComparisonDefinition,
  options: Pick<TrainingOptions, 'termMinCount' | 'termMaxValues'>,
): Record<string, number> | undefined {
  const termOf = definition.termOf;
  if (termOf === undefined) return undefined;
  // A first pass counts terms by hash bucket; only a term whose bucket reaches the minimum can
  // be common, and only those are counted exactly: a million unique phones never fill a map.
  const buckets = new Uint8Array(TERM_BUCKETS);
  const floor = Math.min(options.termMinCount, 255);
  forEachTerm(records, termOf, (term) => {
    const bucket = bucketOf(term);
    const count = buckets[bucket] ?? 0;
    if (count < 255) buckets[bucket] = count + 1;
  });
  const counts = new Map<string, number>();
  forEachTerm(records, termOf, (term) => {
    if ((buckets[bucketOf(term)] ?? 0) >= floor) counts.set(term, (counts.get(term) ?? 0) + 1);
  });
  const common = [...counts]
    .filter(([, count]) => count >= options.termMinCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.termMaxValues);
  return Object.fromEntries(common.map(([term, count]) => [term, count / records.length]));
}

const TERM_BUCKETS = 1 << 22;

/** Each distinct usable term of each record, once per record. */
function forEachTerm(
  records: readonly MatchFeatures[],
  termOf: (features: MatchFeatures) => readonly string[],
  visit: (term: string) => void,
): void {
  for (const record of records) {
    const terms = termOf(record);
    // Most records hold one value: no set needed to take it once.
    for (const term of terms.length === 1 ? terms : new Set(terms)) {
      if (term !== '' && term !== '|') visit(term);
    }
  }
}

/** FNV-1a hash of a term, cut to a bucket of `TERM_BUCKETS`. */
function bucketOf(term: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < term.length; index += 1) {
    hash = Math.imul(hash ^ term.charCodeAt(index), 0x01000193);
  }
  return (hash >>> 0) & (TERM_BUCKETS - 1);
}

/** Level patterns of the pairs of one training session. */
export interface SessionPatterns {
  session: TrainingSession;
  counts: Map<number, number>;
}

/**
 * What training learns of one kind from the records alone, before the candidate pairs'
 * patterns: u, term frequencies and the sessions' patterns. Plain data, so it can be
 * worked out on another thread from the same records.
 */
export interface KindTrainingEvidence {
  kind: CustomerKind;
  /** Records of this kind. */
  records: number;
  /** Per comparison of this kind, in definition order: u of each level. */
  u: number[][];
  /** Per comparison of this kind: its term frequencies, when it weighs terms. */
  termFrequencies: (Record<string, number> | undefined)[];
  sessions: SessionPatterns[];
}

/**
 * Evidence of one kind from `kindRecords` (the records of that kind) and given sessions.
 * Without `withTermFrequencies` its `termFrequencies` are left empty, for `kindTermFrequencies`
 * to fill in (on another thread, say).
 */
export function kindTrainingEvidence(
  kind: CustomerKind,
  kindRecords: readonly MatchFeatures[],
  definitions: readonly ComparisonDefinition[],
  options: TrainingOptions,
  sessions: readonly SessionPatterns[],
  withTermFrequencies = true,
): KindTrainingEvidence {
  const own = definitions.filter((definition) => definition.kind === kind);
  return {
    kind,
    records: kindRecords.length,
    u: estimateU(kindRecords, own, options.uSamples, options.seed),
    termFrequencies: withTermFrequencies
      ? kindTermFrequencies(kind, kindRecords, definitions, options)
      : [],
    sessions: sessions.filter((entry) => entry.session.kind === kind),
  };
}

/** Per comparison of `kind`, in definition order: its term frequencies among `kindRecords`. */
export function kindTermFrequencies(
  kind: CustomerKind,
  kindRecords: readonly MatchFeatures[],
  definitions: readonly ComparisonDefinition[],
  options: Pick<TrainingOptions, 'termMinCount' | 'termMaxValues'>,
): (Record<string, number> | undefined)[] {
  return definitions
    .filter((definition) => definition.kind === kind)
    .map((definition) => termFrequencies(kindRecords, definition, options));
}

/**
 * Evidence of both kinds from all records: the part of `trainModelFromPatterns` that does
 * not need the candidate pairs (term frequencies left empty without `withTermFrequencies`).
 */
export function trainingEvidence(
  records: readonly MatchFeatures[],
  definitions: readonly ComparisonDefinition[],
  options: TrainingOptions,
  rules: readonly BlockingRule[],
  blocking: CandidatePairOptions,
  withTermFrequencies = true,
): Record<CustomerKind, KindTrainingEvidence> {
  const evidence = {} as Record<CustomerKind, KindTrainingEvidence>;
  for (const kind of ['person', 'organization'] as const) {
    evidence[kind] = kindTrainingEvidence(
      kind,
      records.filter((record) => record.kind === kind),
      definitions,
      options,
      // All records: each session's rule keeps to its kind, and blocking reuses their interned values.
      sessionPatterns(records, definitions, rules, blocking, {
        ...options,
        sessions: options.sessions.filter((session) => session.kind === kind),
      }),
      withTermFrequencies,
    );
  }
  return evidence;
}

/**
 * Trains one kind's parameters. m of each comparison is the mean over the sessions that
 * estimate it; a comparison no session estimates takes m from EM over all candidate pairs.
 * The prior is the candidate pairs' match share (EM over all of them) carried over to all
 * pairs: matching pairs are (almost) all among the candidates.
 */
export function trainKindModel(
  records: readonly MatchFeatures[],
  patterns: LevelPatterns,
  definitions: readonly ComparisonDefinition[],
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
  sessions: readonly SessionPatterns[] = [],
): KindModel {
  return kindModelFromEvidence(
    kindTrainingEvidence(patterns.kind, records, definitions, options, sessions),
    patterns,
    definitions,
    options,
  );
}

/** One kind's parameters from its evidence and its candidate pairs' patterns. */
export function kindModelFromEvidence(
  evidence: KindTrainingEvidence,
  patterns: LevelPatterns,
  definitions: readonly ComparisonDefinition[],
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
): KindModel {
  const own = definitions.filter((definition) => definition.kind === patterns.kind);
  const radices = radicesOf(own);
  const u = evidence.u;
  const overall = estimateM(patterns.counts, radices, u, options);
  const sessionM = evidence.sessions
    .filter((entry) => entry.session.kind === patterns.kind && entry.counts.size > 0)
    .map((entry) => ({
      estimates: entry.session.estimates,
      m: estimateM(entry.counts, radices, u, options).m,
    }));
  const allPairs = (evidence.records * (evidence.records - 1)) / 2;
  const expectedMatches = overall.matchShare * patterns.pairs;
  const lambda = allPairs > 0 ? Math.min(Math.max(expectedMatches / allPairs, 1e-12), 0.5) : 0.5;
  const comparisons: ComparisonParameters[] = own.map((definition, index) => {
    const estimates = sessionM
      .filter((entry) => entry.estimates.includes(definition.name))
      .map((entry) => entry.m[index] ?? []);
    const m = estimates.length === 0 ? (overall.m[index] ?? []) : meanRows(estimates);
    const frequencies = evidence.termFrequencies[index];
    return {
      name: definition.name,
      field: definition.field,
      levels: definition.levels.map((level, position) => ({
        label: level.label,
        m: m[position] ?? 1e-6,
        u: u[index]?.[position] ?? 1,
        veto: level.veto,
      })),
      ...(frequencies === undefined ? {} : { termFrequencies: frequencies }),
    };
  });
  return { lambda, comparisons };
}

function meanRows(rows: readonly (readonly number[])[]): number[] {
  const width = rows[0]?.length ?? 0;
  return Array.from(
    { length: width },
    (_, level) => rows.reduce((sum, row) => sum + (row[level] ?? 0), 0) / rows.length,
  );
}

/**
 * The level patterns of each session's pairs: its rule's blocks on their own (not the
 * union), evenly sampled down to `maxSessionPairs`.
 */
export function sessionPatterns(
  records: readonly MatchFeatures[],
  definitions: readonly ComparisonDefinition[],
  rules: readonly BlockingRule[],
  blocking: CandidatePairOptions,
  options: Pick<TrainingOptions, 'sessions' | 'maxSessionPairs'>,
): SessionPatterns[] {
  return options.sessions.flatMap((session) => {
    const rule = rules.find(
      (candidate) => candidate.kind === session.kind && candidate.name === session.rule,
    );
    if (rule === undefined) return [];
    const own = definitions.filter((definition) => definition.kind === session.kind);
    const radices = radicesOf(own);
    const pairs = candidatePairs(records, [rule], blocking);
    const stride = Math.max(1, Math.ceil(pairs.count / options.maxSessionPairs));
    const counts = new Map<number, number>();
    for (let p = 0; p < pairs.count; p += stride) {
      const a = records[pairs.left[p] ?? 0];
      const b = records[pairs.right[p] ?? 0];
      if (a === undefined || b === undefined) continue;
      const code = pairPattern(own, radices, a, b);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    return [{ session, counts }];
  });
}

/** Level code of every comparison of a pair, for `LevelPatterns`. */
export function pairPattern(
  definitions: readonly ComparisonDefinition[],
  radices: readonly number[],
  a: MatchFeatures,
  b: MatchFeatures,
): number {
  let code = 0;
  for (let index = 0; index < definitions.length; index += 1) {
    const radix = radices[index] ?? 1;
    const level = definitions[index]?.compare(a, b) ?? NULL_LEVEL;
    code = code * radix + (level === NULL_LEVEL ? radix - 1 : level);
  }
  return code;
}

/** A full model from records and their candidate pairs (indices into `records`). */
export function trainMatchModel(
  records: readonly MatchFeatures[],
  pairs: { left: Int32Array; right: Int32Array; count: number },
  definitions: readonly ComparisonDefinition[] = DEFAULT_COMPARISONS,
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
  rules: readonly BlockingRule[] = DEFAULT_BLOCKING_RULES,
  blocking: CandidatePairOptions = DEFAULT_CANDIDATE_PAIR_OPTIONS,
): MatchModel {
  const patterns = new Map<CustomerKind, LevelPatterns>();
  for (const kind of ['person', 'organization'] as const) {
    const own = definitions.filter((definition) => definition.kind === kind);
    const radices = radicesOf(own);
    const counts = new Map<number, number>();
    let kindPairs = 0;
    for (let p = 0; p < pairs.count; p += 1) {
      const a = records[pairs.left[p] ?? 0];
      const b = records[pairs.right[p] ?? 0];
      if (a === undefined || b === undefined || a.kind !== kind) continue;
      const code = pairPattern(own, radices, a, b);
      counts.set(code, (counts.get(code) ?? 0) + 1);
      kindPairs += 1;
    }
    patterns.set(kind, { kind, counts, pairs: kindPairs });
  }
  return trainModelFromPatterns(records, patterns, definitions, options, rules, blocking);
}

/** A full model from the level patterns of the candidate pairs, per kind. */
export function trainModelFromPatterns(
  records: readonly MatchFeatures[],
  patterns: ReadonlyMap<CustomerKind, LevelPatterns>,
  definitions: readonly ComparisonDefinition[],
  options: TrainingOptions,
  rules: readonly BlockingRule[],
  blocking: CandidatePairOptions,
): MatchModel {
  return modelFromEvidence(
    trainingEvidence(records, definitions, options, rules, blocking),
    patterns,
    definitions,
    options,
  );
}

/** A full model from the evidence of both kinds and their candidate pairs' patterns. */
export function modelFromEvidence(
  evidence: Readonly<Record<CustomerKind, KindTrainingEvidence>>,
  patterns: ReadonlyMap<CustomerKind, LevelPatterns>,
  definitions: readonly ComparisonDefinition[],
  options: TrainingOptions,
): MatchModel {
  const kinds = {} as Record<CustomerKind, KindModel>;
  for (const kind of ['person', 'organization'] as const) {
    kinds[kind] = kindModelFromEvidence(
      evidence[kind],
      patterns.get(kind) ?? { kind, counts: new Map(), pairs: 0 },
      definitions,
      options,
    );
  }
  return { version: 1, kinds, thresholds: options.thresholds };
}
