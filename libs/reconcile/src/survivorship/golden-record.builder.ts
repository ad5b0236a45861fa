import {
  CANONICAL_FIELDS,
  type CanonicalField,
  type CustomerFacts,
  type CustomerKind,
  type FieldLineage,
  type GoldenRecord,
  type QualityFlags,
  type SourceLink,
  type SourceObservation,
  type SurvivorshipRule,
} from '@crosswalk/model';
import { diffGoldenRecords } from '../diff/golden-record.diff';
import { ReconcileErrorCode, ReconcileException } from '../reconcile.exception';
import { type FieldOverride, type SurvivorshipPolicy } from '../reconcile.types';
import { canonicalJson } from '../support/canonical-json';
import { compareSourceKeys } from '../support/compare';
import { timestampMs } from '../support/timestamp';
import { identifierParts } from '../support/value-keys';
import { assertOverrides, overrideLineage } from './field-overrides';
import { defaultSurvivorshipRule, fieldRuleProblem } from './field-rules.policy';
import {
  comparisonKey,
  hasValue,
  LIST_FIELDS,
  type ListField,
  listItemKeys,
  SCALAR_FIELDS,
  type ScalarField,
  valueKey,
} from './field-values';
import { chooseFieldWinners, type SingleSourceRule } from './field-winner.chooser';
import { type RankedMember, rankedMembers } from './member.ranking';

export { rankMembers } from './member.ranking';

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
  /**
   * Values an operator pinned on this customer: each wins over every source, its lineage names
   * the pin, and it is never a conflict. A deleted customer (no live source) ignores them.
   */
  overrides?: readonly FieldOverride[];
}

/**
 * The golden record of a set of linked source records. When nothing but bookkeeping changed
 * (see diffGoldenRecords), `previous` is returned as it is, so a re-read publishes nothing.
 * Otherwise version is previous + 1 and updatedAt is `now`. A record that has never been
 * published and has only deleted sources keeps version 0: there is nothing to announce.
 * The record shares the members' values (addresses, identifiers...) rather than copying them:
 * facts and golden records are never changed once built.
 */
export function buildGoldenRecord(input: GoldenRecordInput): GoldenRecord {
  assertPolicy(input.policy);
  const overrides = input.overrides ?? [];
  assertOverrides(input.id, overrides);
  const nowMs = timestampMs(input.now, 'now');
  const ranked = rankedMembers(input.members, input.policy);
  const live = ranked.filter((entry) => !entry.member.deleted);
  const lineage: GoldenRecord['lineage'] = {};
  const conflicts = new Set<CanonicalField>();

  // Deleted sources give no values; the kind alone survives so the record stays well-formed.
  const kindChoice = isNonEmpty(live)
    ? chooseFieldWinners('kind', singleSourceRule(input.policy, 'kind'), live)
    : undefined;
  const kindSource = kindChoice?.winners[0] ?? ranked[0];
  if (kindSource === undefined) {
    throw new ReconcileException(
      ReconcileErrorCode.EmptyCluster,
      `customer ${input.id} has no source records`,
      { customerId: input.id },
    );
  }
  const kind = kindSource.member.facts.kind;
  lineage.kind = kindChoice
    ? lineageOfChoice(kindChoice.winners, kindChoice.rule)
    : [lineageOf(kindSource, 'source-priority')];
  if (disagree(live.map((entry) => entry.member.facts.kind))) conflicts.add('kind');

  const scalars: Partial<Pick<CustomerFacts, ScalarField>> = {};
  for (const field of SCALAR_FIELDS) {
    const candidates = live.filter((entry) => hasValue(entry.member.facts[field]));
    if (!isNonEmpty(candidates)) continue;
    const choice = chooseFieldWinners(field, singleSourceRule(input.policy, field), candidates);
    setScalar(scalars, field, choice.winners[0].member.facts);
    lineage[field] = lineageOfChoice(choice.winners, choice.rule);
    if (disagree(candidates.map((entry) => entry.member.facts[field]))) conflicts.add(field);
  }

  const lists: Pick<CustomerFacts, ListField> = {
    emails: [],
    phones: [],
    addresses: [],
    identifiers: [],
  };
  for (const field of LIST_FIELDS) {
    const contributors = live.filter((entry) => entry.member.facts[field].length > 0);
    if (!isNonEmpty(contributors)) continue;
    const rule = ruleFor(input.policy, field);
    if (rule === 'union') {
      setList(lists, field, union(contributors, field));
      lineage[field] = contributors.map((entry) => lineageOf(entry, 'union'));
      continue;
    }
    // One source's whole list: the others' lists are dropped, so a difference is a conflict.
    const choice = chooseFieldWinners(field, rule, contributors);
    setList(lists, field, union([choice.winners[0]], field));
    lineage[field] = lineageOfChoice(choice.winners, choice.rule);
    if (
      contributors.length > 1 &&
      new Set(contributors.map((entry) => valueKey(field, entry.member.facts))).size > 1
    ) {
      conflicts.add(field);
    }
  }
  if (identifiersDisagree(live)) conflicts.add('identifiers');

  const facts: CustomerFacts = { kind, ...scalars, ...lists };
  if (live.length > 0) {
    for (const pin of overrides) {
      applyOverride(facts, pin);
      lineage[pin.field] = [overrideLineage(pin)];
      conflicts.delete(pin.field);
    }
  }
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
  for (const [field, rule] of Object.entries(policy.fieldRules ?? {})) {
    const problem = fieldRuleProblem(field, rule);
    if (problem !== undefined) {
      throw new ReconcileException(ReconcileErrorCode.InvalidPolicy, problem.message, {
        field,
        rule,
      });
    }
  }
}

function ruleFor(policy: SurvivorshipPolicy, field: CanonicalField): SurvivorshipRule {
  return policy.fieldRules?.[field] ?? defaultSurvivorshipRule(field);
}

/** The rule of a field that is not a list; assertPolicy has refused `union` for those. */
function singleSourceRule(
  policy: SurvivorshipPolicy,
  field: Exclude<CanonicalField, ListField>,
): SingleSourceRule {
  const rule = ruleFor(policy, field);
  if (rule === 'union') {
    throw new ReconcileException(
      ReconcileErrorCode.InvalidPolicy,
      `rule 'union' does not fit ${field}`,
      { field, rule },
    );
  }
  return rule;
}

function isNonEmpty<T>(items: readonly T[]): items is readonly [T, ...T[]] {
  return items.length > 0;
}

function lineageOf(entry: RankedMember, rule: SurvivorshipRule): FieldLineage {
  const { connector, object, externalId, observedAt } = entry.member;
  return { connector, object, externalId, rule, observedAt };
}

function lineageOfChoice(winners: readonly RankedMember[], rule: SurvivorshipRule): FieldLineage[] {
  return winners.map((entry) => lineageOf(entry, rule));
}

function setScalar<F extends ScalarField>(
  target: Partial<Pick<CustomerFacts, ScalarField>>,
  field: F,
  source: CustomerFacts,
): void {
  target[field] = source[field];
}

/** Puts a pinned value in place; an empty pinned value clears the field. */
function applyOverride(facts: CustomerFacts, pin: FieldOverride): void {
  const target = facts as unknown as Record<string, unknown>;
  if (pin.value === undefined) delete target[pin.field];
  else target[pin.field] = structuredClone(pin.value);
}

function setList<F extends ListField>(
  target: Pick<CustomerFacts, ListField>,
  field: F,
  values: CustomerFacts[F],
): void {
  target[field] = values;
}

/** De-duplicated union in ranking order: the best-ranked source's spelling of a value wins. */
function union<F extends ListField>(entries: readonly RankedMember[], field: F): CustomerFacts[F] {
  const seen = new Set<string>();
  const values: CustomerFacts[F][number][] = [];
  for (const entry of entries) {
    const keys = listItemKeys(field, entry.member.facts);
    let index = 0;
    for (const item of entry.member.facts[field]) {
      const key = keys[index++] ?? '';
      if (seen.has(key)) continue;
      seen.add(key);
      values.push(item);
    }
  }
  return values as CustomerFacts[F];
}

/** Two sources naming different values under the same identifier scheme. */
function identifiersDisagree(live: readonly RankedMember[]): boolean {
  // One source is one set of values per scheme: nothing to disagree with.
  if (live.length < 2) return false;
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

function disagree(values: readonly unknown[]): boolean {
  if (values.length < 2) return false;
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
