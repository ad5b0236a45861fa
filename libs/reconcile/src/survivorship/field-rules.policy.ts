import {
  CANONICAL_FIELDS,
  type CanonicalField,
  SURVIVORSHIP_RULES,
  type SurvivorshipRule,
} from '@crosswalk/model';

/** The shape of a canonical field's value, which decides the rules that fit it. */
export type SurvivorshipFieldType =
  'kind' | 'name' | 'web-address' | 'date' | 'organization' | 'list' | 'address-list';

export const SURVIVORSHIP_FIELD_TYPES: Readonly<Record<CanonicalField, SurvivorshipFieldType>> = {
  kind: 'kind',
  fullName: 'name',
  givenName: 'name',
  familyName: 'name',
  legalName: 'name',
  tradingName: 'name',
  birthDate: 'date',
  emails: 'list',
  phones: 'list',
  addresses: 'address-list',
  identifiers: 'list',
  website: 'web-address',
  domain: 'web-address',
  organization: 'organization',
};

const SINGLE_SOURCE: readonly SurvivorshipRule[] = [
  'source-priority',
  'most-recent',
  'most-frequent',
];

/**
 * `longest` only means something for text meant to be read whole (names); `most-complete` for
 * values made of parts; `union` for lists. The first rule of each entry is the default.
 */
const RULES_BY_TYPE: Readonly<Record<SurvivorshipFieldType, readonly SurvivorshipRule[]>> = {
  kind: SINGLE_SOURCE,
  name: [...SINGLE_SOURCE, 'most-complete', 'longest'],
  'web-address': SINGLE_SOURCE,
  date: SINGLE_SOURCE,
  organization: [...SINGLE_SOURCE, 'most-complete'],
  list: ['union', ...SINGLE_SOURCE, 'most-complete'],
  'address-list': ['union', ...SINGLE_SOURCE, 'most-complete'],
};

/** A survivorship rule per canonical field; fields left out take their default rule. */
export type FieldRules = Partial<Record<CanonicalField, SurvivorshipRule>>;

export function isCanonicalField(value: string): value is CanonicalField {
  return (CANONICAL_FIELDS as readonly string[]).includes(value);
}

export function isSurvivorshipRule(value: unknown): value is SurvivorshipRule {
  return (SURVIVORSHIP_RULES as readonly unknown[]).includes(value);
}

/** The rules a field accepts, its default first. */
export function survivorshipRulesFor(field: CanonicalField): readonly SurvivorshipRule[] {
  return RULES_BY_TYPE[SURVIVORSHIP_FIELD_TYPES[field]];
}

/** `union` for list fields, `source-priority` for the others. */
export function defaultSurvivorshipRule(field: CanonicalField): SurvivorshipRule {
  return survivorshipRulesFor(field)[0] ?? 'source-priority';
}

export type FieldRuleProblem =
  | { kind: 'unknown-field'; message: string }
  | { kind: 'unknown-rule'; message: string }
  | { kind: 'unfit-rule'; message: string };

/** Why `rule` cannot decide `field`, or undefined when it can. Messages name the choices. */
export function fieldRuleProblem(field: string, rule: unknown): FieldRuleProblem | undefined {
  if (!isCanonicalField(field)) {
    return {
      kind: 'unknown-field',
      message: `'${field}' is not a canonical field; fields: ${CANONICAL_FIELDS.join(', ')}`,
    };
  }
  const fitting = survivorshipRulesFor(field);
  if (!isSurvivorshipRule(rule)) {
    return {
      kind: 'unknown-rule',
      message: `unknown survivorship rule ${shown(rule)}; ${field} takes: ${fitting.join(', ')}`,
    };
  }
  if (!fitting.includes(rule)) {
    return {
      kind: 'unfit-rule',
      message:
        `rule '${rule}' does not fit ${field} (a ${SURVIVORSHIP_FIELD_TYPES[field]} field); ` +
        `it takes: ${fitting.join(', ')}`,
    };
  }
  return undefined;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : `of type ${typeof value}`;
}
