import { type CustomerKind } from '@crosswalk/model';
import { type MatchFeatures } from '../normalise/match-features';

/**
 * One equi-join: two records of `kind` are candidates when they share any key the rule gives
 * them. A record lacking a value the rule needs gets no key from it.
 */
export interface BlockingRule {
  name: string;
  kind: CustomerKind;
  keysOf(features: MatchFeatures): readonly string[];
}

const NONE: readonly string[] = [];

function joined(...parts: string[]): readonly string[] {
  return parts.some((part) => part === '') ? NONE : [parts.join('|')];
}

/** The blocking rules used by default; their union gives the candidate pairs. */
export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'id', kind: 'person', keysOf: (f) => f.strongIds },
  { name: 'email', kind: 'person', keysOf: (f) => f.emails },
  { name: 'phone', kind: 'person', keysOf: (f) => f.phones },
  { name: 'address', kind: 'person', keysOf: (f) => joined(f.postalCode, f.street) },
  { name: 'postal-family', kind: 'person', keysOf: (f) => joined(f.postalCode, f.familySound) },
  // Sorted name sounds: a record with given and family names swapped lands in the same block.
  {
    name: 'postal-name-pair',
    kind: 'person',
    keysOf: (f) =>
      joined(f.postalCode, ...[f.givenSound, f.familySound].sort((a, b) => (a < b ? -1 : 1))),
  },
  {
    name: 'name-words',
    kind: 'person',
    keysOf: (f) => (f.nameTokens.includes(' ') ? [f.nameTokens] : NONE),
  },
  // Contacts of one company: the company name stands in for a missing address.
  {
    name: 'organization-family',
    kind: 'person',
    keysOf: (f) => joined(f.orgCompact, f.familySound),
  },
  { name: 'organization-given', kind: 'person', keysOf: (f) => joined(f.orgCompact, f.givenSound) },
  { name: 'birth-family', kind: 'person', keysOf: (f) => joined(f.birthDate, f.familySound) },
  { name: 'birth-given', kind: 'person', keysOf: (f) => joined(f.birthDate, f.givenSound) },
  { name: 'id', kind: 'organization', keysOf: (f) => f.strongIds },
  { name: 'name', kind: 'organization', keysOf: (f) => joined(f.orgCompact) },
  { name: 'domain', kind: 'organization', keysOf: (f) => f.domains },
  { name: 'phone', kind: 'organization', keysOf: (f) => f.phones },
  { name: 'email', kind: 'organization', keysOf: (f) => f.emails },
  { name: 'postal-name', kind: 'organization', keysOf: (f) => joined(f.postalCode, f.orgSound) },
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
    for (const key of rule.keysOf(features)) keys.add(`block:${rule.kind}:${rule.name}:${key}`);
  }
  return [...keys].sort();
}
