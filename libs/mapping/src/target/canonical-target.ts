import { normaliseIdentifierScheme } from '@crosswalk/model';

const TEXT_FIELDS = [
  'fullName',
  'givenName',
  'familyName',
  'legalName',
  'tradingName',
  'birthDate',
  'website',
  'domain',
] as const;
const LIST_FIELDS = ['emails', 'phones'] as const;
const ADDRESS_PARTS = ['lines', 'city', 'region', 'postalCode', 'country'] as const;

export type TextField = (typeof TEXT_FIELDS)[number];
export type ListField = (typeof LIST_FIELDS)[number];
export type AddressPart = (typeof ADDRESS_PARTS)[number];

/** Where a mapped value lands in the canonical facts. */
export type CanonicalTarget =
  | { type: 'text'; field: TextField }
  | { type: 'list'; field: ListField }
  | { type: 'address'; index: number; part: AddressPart }
  | { type: 'identifier'; scheme: string }
  | { type: 'organization-name' }
  | { type: 'organization-identifier'; scheme: string };

/** Every form a key under `fields:` may take, for error messages and docs. */
export const MAPPABLE_FIELDS: readonly string[] = [
  ...TEXT_FIELDS,
  ...LIST_FIELDS,
  ...ADDRESS_PARTS.map((part) => `addresses[N].${part}`),
  'identifiers.<scheme>',
  'organization.name',
  'organization.identifiers.<scheme>',
];

/** Several values reach a list target as several entries, and reach any other target as the first one. */
export function isMultiValued(target: CanonicalTarget): boolean {
  return target.type === 'list' || (target.type === 'address' && target.part === 'lines');
}

export type TargetParse = { ok: true; target: CanonicalTarget } | { ok: false; reason: string };

const ADDRESS_KEY = /^addresses\[(0|[1-9]\d{0,2})\]\.(.+)$/;

export function parseTarget(key: string): TargetParse {
  if (includes(TEXT_FIELDS, key)) return { ok: true, target: { type: 'text', field: key } };
  if (includes(LIST_FIELDS, key)) return { ok: true, target: { type: 'list', field: key } };
  if (key === 'organization.name') return { ok: true, target: { type: 'organization-name' } };
  const address = ADDRESS_KEY.exec(key);
  if (address) {
    const part = address[2] ?? '';
    if (!includes(ADDRESS_PARTS, part)) {
      return unknownField(key, `an address has ${ADDRESS_PARTS.join(', ')}`);
    }
    return { ok: true, target: { type: 'address', index: Number(address[1]), part } };
  }
  for (const [prefix, type] of [
    ['identifiers.', 'identifier'],
    ['organization.identifiers.', 'organization-identifier'],
  ] as const) {
    if (!key.startsWith(prefix)) continue;
    const scheme = key.slice(prefix.length);
    const normalised = normaliseIdentifierScheme(scheme);
    if (!normalised.ok || normalised.value !== scheme) {
      const hint = normalised.ok ? `; write ${prefix}${normalised.value}` : '';
      return { ok: false, reason: `identifier scheme "${scheme}" must be kebab-case${hint}` };
    }
    return { ok: true, target: { type, scheme } };
  }
  if (key === 'kind') {
    return {
      ok: false,
      reason: 'kind is declared on the object (objects.<name>.kind), not under fields',
    };
  }
  return unknownField(key);
}

function unknownField(key: string, hint?: string): TargetParse {
  return {
    ok: false,
    reason:
      `unknown canonical field "${key}"` +
      (hint ? `: ${hint}` : `; the model has ${MAPPABLE_FIELDS.join(', ')}`),
  };
}

function includes<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
