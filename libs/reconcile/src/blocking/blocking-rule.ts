import { type CustomerKind } from '@crosswalk/model';
import { type MatchFeatures } from '../normalise/match-features';

/** Single-valued features a rule can join on. */
export type BlockingField =
  | 'postalCode'
  | 'street'
  | 'familySound'
  | 'givenSound'
  | 'orgCompact'
  | 'orgSound'
  | 'birthDate'
  | 'nameTokens';

/** Multi-valued features: a record gets one key per value. */
export type BlockingListField = 'strongIds' | 'emails' | 'phones' | 'domains';

/**
 * One equi-join: two records of `kind` are candidates when they share any key the rule gives
 * them. Declared by the features it joins on rather than as a function, so batch blocking
 * groups records by interned values without building a key string per record and rule.
 */
export type BlockingRule = {
  name: string;
  kind: CustomerKind;
} & (
  | {
      /** One key per value of the list. */
      each: BlockingListField;
    }
  | {
      /** One key joining these values, `|`-separated; none when any is empty. */
      join: readonly BlockingField[];
      /**
       * The values after the first are sorted: the key does not depend on which of those
       * fields held which value (given and family names swapped).
       */
      unordered?: boolean;
      /** Only values of more than one word give a key. */
      multiWord?: boolean;
    }
);

const NONE: readonly string[] = [];

/**
 * The values of one key of a join rule, in key order; null when the record gets no key from
 * the rule. Lists the rule's values for `each` rules one by one through `ruleKeysOf`.
 */
export function joinedValuesOf(
  rule: Extract<BlockingRule, { join: readonly BlockingField[] }>,
  features: MatchFeatures,
): string[] | null {
  const values = rule.join.map((field) => features[field]);
  if (values.some((value) => value === '')) return null;
  if (rule.multiWord === true && !values.every((value) => value.includes(' '))) return null;
  if (rule.unordered !== true) return values;
  const [first = '', ...rest] = values;
  return [first, ...rest.sort((a, b) => (a < b ? -1 : 1))];
}

/** The keys a rule gives a record (a record lacking a value the rule needs gets none). */
export function ruleKeysOf(rule: BlockingRule, features: MatchFeatures): readonly string[] {
  if ('each' in rule) return features[rule.each];
  const values = joinedValuesOf(rule, features);
  return values === null ? NONE : [values.join('|')];
}

/** The blocking rules used by default; their union gives the candidate pairs. */
export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'id', kind: 'person', each: 'strongIds' },
  { name: 'email', kind: 'person', each: 'emails' },
  { name: 'phone', kind: 'person', each: 'phones' },
  { name: 'address', kind: 'person', join: ['postalCode', 'street'] },
  { name: 'postal-family', kind: 'person', join: ['postalCode', 'familySound'] },
  // Name sounds sorted: a record with given and family names swapped lands in the same block.
  {
    name: 'postal-name-pair',
    kind: 'person',
    join: ['postalCode', 'givenSound', 'familySound'],
    unordered: true,
  },
  { name: 'name-words', kind: 'person', join: ['nameTokens'], multiWord: true },
  // Contacts of one company: the company name stands in for a missing address.
  { name: 'organization-family', kind: 'person', join: ['orgCompact', 'familySound'] },
  { name: 'organization-given', kind: 'person', join: ['orgCompact', 'givenSound'] },
  { name: 'birth-family', kind: 'person', join: ['birthDate', 'familySound'] },
  { name: 'birth-given', kind: 'person', join: ['birthDate', 'givenSound'] },
  { name: 'id', kind: 'organization', each: 'strongIds' },
  { name: 'name', kind: 'organization', join: ['orgCompact'] },
  { name: 'domain', kind: 'organization', each: 'domains' },
  { name: 'phone', kind: 'organization', each: 'phones' },
  { name: 'email', kind: 'organization', each: 'emails' },
  { name: 'postal-name', kind: 'organization', join: ['postalCode', 'orgSound'] },
];

/**
 * Every blocking key of a record, as `block:<kind>:<rule>:<key>`: the form stored in the key
 * index, so an incremental match finds its candidates with indexed look-ups.
 */
export function blockingKeysOf(
  features: MatchFeatures,
  rules: readonly BlockingRule[] = DEFAULT_BLOCKING_RULES,
): string[] {
  const keys = new Set<string>();
  for (const rule of rules) {
    if (rule.kind !== features.kind) continue;
    for (const key of ruleKeysOf(rule, features))
      keys.add(`block:${rule.kind}:${rule.name}:${key}`);
  }
  return [...keys].sort();
}

/** A key `blockingKeysOf` made (as opposed to a match key that links outright). */
export function isBlockingKey(key: string): boolean {
  return key.startsWith('block:');
}
