import {
  CANONICAL_FIELDS,
  type CanonicalField,
  type CustomerFacts,
  type CustomerKind,
  type FieldLineage,
  type GoldenRecord,
  type Identifier,
  type QualityFlags,
  type SourceLink,
  type SourceObservation,
  type SurvivorshipRule,
} from '@crosswalk/model';
import { diffGoldenRecords } from '../diff/golden-record.diff';
import { ReconcileErrorCode, ReconcileException } from '../reconcile.exception';
import { type SurvivorshipPolicy } from '../reconcile.types';
import { canonicalJson } from '../support/canonical-json';
import { compareSourceKeys } from '../support/compare';
import { timestampMs } from '../support/timestamp';
import { emailKey, identifierParts, phoneKey } from '../support/value-keys';

type ScalarField = Exclude<CanonicalField, ListField | 'kind'>;
type ListField = 'emails' | 'phones' | 'addresses' | 'identifiers';

const SCALAR_FIELDS: readonly ScalarField[] = [
  'fullName',
  'givenName',
  'familyName',
  'legalName',
  'tradingName',
  'birthDate',
  'website',
  'domain',
  'organization',
];
const LIST_FIELDS: readonly ListField[] = ['emails', 'phones', 'addresses', 'identifiers'];

/**
 * What completeness counts, per kind. A name counts when any of its forms is present; for
 * organizations a website or a domain counts as the web presence.
 */
export const EXPECTED_FIELDS: Readonly<
  Record<CustomerKind, readonly (readonly CanonicalField[])[]>
> = {
  person: [['fullName', 'givenName', 'familyName'], ['emails'], ['phones'], ['addresses']],
  organization: [
    ['legalName', 'tradingName'],
    ['emails'],
    ['phones'],
    ['addresses'],
    ['identifiers'],
    ['website', 'domain'],
  ],
};

const DAY_MS = 24 * 60 * 60 * 1000;

export interface GoldenRecordInput {
  id: string;
  /** Every source record linked to the customer, live and deleted, in any order. */
  members: readonly SourceObservation[];
  policy: SurvivorshipPolicy;
  now: string;
  /** The record as it was last stored; null for a customer that did not exist before. */
  previous: GoldenRecord | null;
}

/** A member and its place in the ranking. */
interface Ranked {
  member: SourceObservation;
  priority: number;
  observedMs: number;
}

/**
 * Ranking of source records for survivorship: the source priority of the policy, then the
 * most recent observedAt, then the source key (a stable tie-break). Best first.
 */
export function rankMembers(
  members: readonly SourceObservation[],
  policy: SurvivorshipPolicy,
): SourceObservation[] {
  return rank(members, policy).map((ranked) => ranked.member);
}

/**
 * The golden record of a set of linked source records. When nothing but bookkeeping changed
 * (see diffGoldenRecords), `previous` is returned as it is, so a re-read publishes nothing.
 * Otherwise version is previous + 1 and updatedAt is `now`. A record that has never been
 * published and has only deleted sources keeps version 0: there is nothing to announce.
 */
export function buildGoldenRecord(input: GoldenRecordInput): GoldenRecord {
  assertPolicy(input.policy);
  const nowMs = timestampMs(input.now, 'now');
  const ranked = rank(input.members, input.policy);
  const live = ranked.filter((entry) => !entry.member.deleted);
  // Deleted sources give no values; the kind alone survives so the record stays well-formed.
  const kindSource = live[0] ?? ranked[0];
  if (kindSource === undefined) {
    throw new ReconcileException(
      ReconcileErrorCode.EmptyCluster,
      `customer ${input.id} has no source records`,
      { customerId: input.id },
    );
  }

  const lineage: GoldenRecord['lineage'] = {};
  const conflicts = new Set<CanonicalField>();
  const kind = kindSource.member.facts.kind;
  lineage.kind = [
    lineageOf(kindSource, live.length > 0 ? ruleOf(kindSource, live) : 'source-priority'),
  ];
  if (disagree(live.map((entry) => entry.member.facts.kind))) conflicts.add('kind');

  const scalars: Partial<Pick<CustomerFacts, ScalarField>> = {};
  for (const field of SCALAR_FIELDS) {
    const candidates = live.filter((entry) => hasValue(entry.member.facts[field]));
    const winner = candidates[0];
    if (winner === undefined) continue;
    setScalar(scalars, field, winner.member.facts);
    lineage[field] = [lineageOf(winner, ruleOf(winner, candidates))];
    if (disagree(candidates.map((entry) => entry.member.facts[field]))) conflicts.add(field);
  }

  const lists = {
    emails: union(live, 'emails', emailKey),
    phones: union(live, 'phones', phoneKey),
    addresses: union(live, 'addresses', (address) => comparisonKey(address)),
    identifiers: union(live, 'identifiers', identifierKey),
  };
  for (const field of LIST_FIELDS) {
    const contributors = live.filter((entry) => entry.member.facts[field].length > 0);
    if (contributors.length > 0) {
      lineage[field] = contributors.map((entry) => lineageOf(entry, 'union'));
    }
  }
  if (identifiersDisagree(live)) conflicts.add('identifiers');

  const facts: CustomerFacts = { kind, ...scalars, ...lists };
  const quality: QualityFlags = {
    completeness: completeness(facts),
    stale:
      live.length > 0 &&
      live.every((entry) => nowMs - entry.observedMs > input.policy.staleAfterDays * DAY_MS),
    conflicts: CANONICAL_FIELDS.filter((field) => conflicts.has(field)),
  };
  const sources: SourceLink[] = [...input.members].sort(compareSourceKeys).map((member) => ({
    connector: member.connector,
    object: member.object,
    externalId: member.externalId,
    lastSeenAt: member.observedAt,
    deleted: member.deleted,
  }));

  const previous = input.previous;
  const candidate: GoldenRecord = {
    id: input.id,
    version: previous?.version ?? 0,
    ...orderedFacts(facts),
    sources,
    lineage: orderedLineage(lineage),
    quality,
    deleted: live.length === 0,
    createdAt: previous?.createdAt ?? input.now,
    updatedAt: input.now,
  };
  if (previous !== null && diffGoldenRecords(previous, candidate).length === 0) return previous;
  const published = (previous?.version ?? 0) > 0;
  candidate.version = candidate.deleted && !published ? 0 : (previous?.version ?? 0) + 1;
  return candidate;
}

function assertPolicy(policy: SurvivorshipPolicy): void {
  if (!Number.isFinite(policy.staleAfterDays) || policy.staleAfterDays <= 0) {
    throw new ReconcileException(
      ReconcileErrorCode.InvalidPolicy,
      `staleAfterDays must be a positive number of days, got ${policy.staleAfterDays}`,
      { staleAfterDays: policy.staleAfterDays },
    );
  }
}

function rank(members: readonly SourceObservation[], policy: SurvivorshipPolicy): Ranked[] {
  const unlisted = policy.sourcePriority.length;
  return members
    .map((member) => {
      const index = policy.sourcePriority.indexOf(member.connector);
      return {
        member,
        priority: index === -1 ? unlisted : index,
        observedMs: timestampMs(member.observedAt, `observedAt of ${member.externalId}`),
      };
    })
    .sort(
      (a, b) =>
        a.priority - b.priority ||
        b.observedMs - a.observedMs ||
        compareSourceKeys(a.member, b.member),
    );
}

/** Recency decided only when another candidate shares the winner's priority. */
function ruleOf(winner: Ranked, candidates: readonly Ranked[]): SurvivorshipRule {
  return candidates.some((entry) => entry !== winner && entry.priority === winner.priority)
    ? 'most-recent'
    : 'source-priority';
}

function lineageOf(entry: Ranked, rule: SurvivorshipRule): FieldLineage {
  const { connector, object, externalId, observedAt } = entry.member;
  return { connector, object, externalId, rule, observedAt };
}

function setScalar<F extends ScalarField>(
  target: Partial<Pick<CustomerFacts, ScalarField>>,
  field: F,
  source: CustomerFacts,
): void {
  target[field] = structuredClone(source[field]);
}

function hasValue(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(hasValue);
  return true;
}

/** De-duplicated union in ranking order: the best-ranked source's spelling of a value wins. */
function union<F extends ListField>(
  ranked: readonly Ranked[],
  field: F,
  keyOf: (item: CustomerFacts[F][number]) => string,
): CustomerFacts[F] {
  const seen = new Set<string>();
  const values: CustomerFacts[F][number][] = [];
  for (const entry of ranked) {
    for (const item of entry.member.facts[field]) {
      const key = keyOf(item);
      if (seen.has(key)) continue;
      seen.add(key);
      values.push(structuredClone(item));
    }
  }
  return values as CustomerFacts[F];
}

function identifierKey(identifier: Identifier): string {
  const { scheme, value } = identifierParts(identifier);
  return `${scheme}:${value}`;
}

/** Two sources naming different values under the same identifier scheme. */
function identifiersDisagree(live: readonly Ranked[]): boolean {
  const perScheme = new Map<string, Set<string>>();
  for (const entry of live) {
    const valuesHere = new Map<string, string[]>();
    for (const identifier of entry.member.facts.identifiers) {
      const { scheme, value } = identifierParts(identifier);
      valuesHere.set(scheme, [...(valuesHere.get(scheme) ?? []), value]);
    }
    for (const [scheme, values] of valuesHere) {
      const seen = perScheme.get(scheme) ?? new Set<string>();
      seen.add(canonicalJson([...values].sort()));
      perScheme.set(scheme, seen);
    }
  }
  return [...perScheme.values()].some((seen) => seen.size > 1);
}

/** Values that differ only in case, spacing or Unicode form are the same value. */
function comparisonKey(value: unknown): string {
  return canonicalJson(foldStrings(value));
}

function foldStrings(value: unknown): unknown {
  if (typeof value === 'string')
    return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  if (Array.isArray(value)) return value.map(foldStrings).filter((item) => item !== '');
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, foldStrings(item)]));
  }
  return value;
}

function disagree(values: readonly unknown[]): boolean {
  return new Set(values.map(comparisonKey)).size > 1;
}

function completeness(facts: CustomerFacts): number {
  const expected = EXPECTED_FIELDS[facts.kind];
  const present = expected.filter((fields) => fields.some((field) => hasValue(facts[field])));
  return Math.round((present.length / expected.length) * 100) / 100;
}

/** Canonical field order, absent fields left out, so equal records serialise identically. */
function orderedFacts(facts: CustomerFacts): CustomerFacts {
  const ordered: Record<string, unknown> = {};
  for (const field of CANONICAL_FIELDS) {
    if (facts[field] !== undefined) ordered[field] = facts[field];
  }
  return ordered as unknown as CustomerFacts;
}

function orderedLineage(lineage: GoldenRecord['lineage']): GoldenRecord['lineage'] {
  const ordered: GoldenRecord['lineage'] = {};
  for (const field of CANONICAL_FIELDS) {
    const entries = lineage[field];
    if (entries !== undefined) ordered[field] = entries;
  }
  return ordered;
}
