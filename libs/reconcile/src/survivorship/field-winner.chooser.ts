import { type CanonicalField, type CustomerFacts, type SurvivorshipRule } from '@crosswalk/model';
import { SURVIVORSHIP_FIELD_TYPES } from './field-rules.policy';
import {
  addressParts,
  comparisonKey,
  listItemKeys,
  nameParts,
  organizationParts,
  textLength,
  valueKey,
} from './field-values';
import { type RankedMember } from './member.ranking';

type NonEmpty<T> = readonly [T, ...T[]];

/** The rules that take one source's value (every rule but `union`). */
export type SingleSourceRule = Exclude<SurvivorshipRule, 'union'>;

export interface FieldWinners {
  /** The member whose value is kept first; for `most-frequent`, every member that agreed. */
  winners: NonEmpty<RankedMember>;
  /** What lineage records. */
  rule: SurvivorshipRule;
}

/**
 * Which live member gives `field` its value under `rule`. `candidates` are the live members
 * holding a value, best-ranked first, never empty. Every rule ends its ties on the ranking
 * (priority, then recency, then source key), a total order: the result never depends on the
 * order the members arrived in.
 */
export function chooseFieldWinners(
  field: CanonicalField,
  rule: SingleSourceRule,
  candidates: NonEmpty<RankedMember>,
): FieldWinners {
  switch (rule) {
    case 'source-priority': {
      const [best] = candidates;
      // Recency decided only when another candidate shares the winner's priority.
      const tied = candidates.some((entry) => entry !== best && entry.priority === best.priority);
      return { winners: [best], rule: tied ? 'most-recent' : 'source-priority' };
    }
    case 'most-recent':
      return { winners: [highest(candidates, (entry) => [entry.observedMs])], rule };
    case 'most-frequent':
      return { winners: largestAgreement(field, candidates), rule };
    case 'most-complete':
      return {
        winners: [highest(candidates, (entry) => completeness(field, entry.member.facts))],
        rule,
      };
    case 'longest':
      return { winners: [highest(candidates, (entry) => length(field, entry.member.facts))], rule };
  }
}

/** The first candidate (in ranking order) with the greatest measure, compared part by part. */
function highest(
  candidates: NonEmpty<RankedMember>,
  measure: (entry: RankedMember) => readonly number[],
): RankedMember {
  let [best] = candidates;
  let bestScore = measure(best);
  for (const entry of candidates) {
    const score = measure(entry);
    if (compareScores(score, bestScore) > 0) {
      best = entry;
      bestScore = score;
    }
  }
  return best;
}

function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * The members holding the value most candidates agree on, best-ranked first. Between groups
 * of equal size the one whose best member ranks higher wins.
 */
function largestAgreement(
  field: CanonicalField,
  candidates: NonEmpty<RankedMember>,
): NonEmpty<RankedMember> {
  const groups = new Map<string, [RankedMember, ...RankedMember[]]>();
  for (const entry of candidates) {
    const key = valueKey(field, entry.member.facts);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [entry]);
    else group.push(entry);
  }
  let largest: NonEmpty<RankedMember> = [candidates[0]];
  // Map order is first-appearance order, which is ranking order: `>` keeps the better group.
  for (const group of groups.values()) if (group.length > largest.length) largest = group;
  return largest;
}

/** What `most-complete` maximises, by the kind of value the field holds. */
function completeness(field: CanonicalField, facts: CustomerFacts): number[] {
  const type = SURVIVORSHIP_FIELD_TYPES[field];
  switch (type) {
    case 'name': {
      const text = textOf(facts[field]);
      return [nameParts(text), textLength(text)];
    }
    case 'organization':
      return facts.organization === undefined ? [0] : [organizationParts(facts.organization)];
    case 'list':
      return field === 'emails' || field === 'phones' || field === 'identifiers'
        ? [new Set(listItemKeys(field, facts)).size]
        : [0];
    case 'address-list': {
      const distinct = new Map(facts.addresses.map((address) => [comparisonKey(address), address]));
      return [[...distinct.values()].reduce((sum, address) => sum + addressParts(address), 0)];
    }
    case 'kind':
    case 'web-address':
    case 'date':
      // the policy refuses most-complete for these: every value measures the same
      return [0];
  }
}

function length(field: CanonicalField, facts: CustomerFacts): number[] {
  return [textLength(textOf(facts[field]))];
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
