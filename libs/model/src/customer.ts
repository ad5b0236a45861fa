/** The canonical customer model, v1. See docs/model.md and customer.schema.json. */

export type CustomerKind = 'person' | 'organization';

/** ISO 3166-1 alpha-2 country code, upper case. */
export type CountryCode = string;

export interface PostalAddress {
  lines: string[];
  city?: string;
  region?: string;
  postalCode?: string;
  country?: CountryCode;
}

/** An identifier by scheme: `vat`, `tax-id`, `national-id`, `erp-customer-number`, `duns`, ... */
export interface Identifier {
  scheme: string;
  value: string;
}

/** The organization a person belongs to, as the source states it. */
export interface OrganizationRef {
  /** Golden record id of the organization, when reconciliation resolved it. */
  customerId?: string;
  name?: string;
  identifiers: Identifier[];
}

/**
 * What one source record says about a customer, after mapping and normalisation:
 * e-mails lower-cased, phones in E.164, countries ISO alpha-2, dates ISO 8601.
 */
export interface CustomerFacts {
  kind: CustomerKind;
  fullName?: string;
  givenName?: string;
  familyName?: string;
  legalName?: string;
  tradingName?: string;
  /** YYYY-MM-DD, persons only. */
  birthDate?: string;
  emails: string[];
  phones: string[];
  addresses: PostalAddress[];
  identifiers: Identifier[];
  website?: string;
  domain?: string;
  organization?: OrganizationRef;
}

/** The fields survivorship decides one by one; each carries its own lineage. */
export const CANONICAL_FIELDS = [
  'kind',
  'fullName',
  'givenName',
  'familyName',
  'legalName',
  'tradingName',
  'birthDate',
  'emails',
  'phones',
  'addresses',
  'identifiers',
  'website',
  'domain',
  'organization',
] as const satisfies readonly (keyof CustomerFacts)[];

export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** Identity of one record in one source system. */
export interface SourceKey {
  connector: string;
  object: string;
  externalId: string;
}

/** One source record's contribution, as reconciliation sees it. */
export interface SourceObservation extends SourceKey {
  facts: CustomerFacts;
  /** When the source last changed the record (ISO 8601); the read time when the source has none. */
  observedAt: string;
  deleted: boolean;
}

/** One entry of a golden record's `sources`. */
export interface SourceLink extends SourceKey {
  lastSeenAt: string;
  deleted: boolean;
}

/**
 * How survivorship chose a field's value (docs/reconciliation.md). `union` merges every live
 * source's list; every other rule takes one source's value (for a list field, its whole list).
 */
export const SURVIVORSHIP_RULES = [
  'source-priority',
  'most-recent',
  'most-frequent',
  'most-complete',
  'longest',
  'union',
] as const;

export type SurvivorshipRule = (typeof SURVIVORSHIP_RULES)[number];

/**
 * What lineage can name: a survivorship rule, or `manual-override` for a value an operator
 * pinned. An override's lineage is `{connector: 'crosswalk', object: 'override', externalId:
 * <pinnedBy>, observedAt: <pinnedAt>}`. Config takes survivorship rules only.
 */
export const LINEAGE_RULES = [...SURVIVORSHIP_RULES, 'manual-override'] as const;

export type LineageRule = (typeof LINEAGE_RULES)[number];

/** Which source record (or pin), by which rule, gave a field its value. */
export interface FieldLineage extends SourceKey {
  rule: LineageRule;
  observedAt: string;
}

export interface QualityFlags {
  /** Share of the kind's expected fields that have a value, 0..1. */
  completeness: number;
  /** No live source has touched the record within the staleness window. */
  stale: boolean;
  /** Fields on which live sources disagree. */
  conflicts: CanonicalField[];
}

/** The canonical customer: one per real-world person or organization. */
export interface GoldenRecord extends CustomerFacts {
  id: string;
  /** +1 on every change that is published. */
  version: number;
  sources: SourceLink[];
  lineage: Partial<Record<CanonicalField, FieldLineage[]>>;
  quality: QualityFlags;
  /** Every linked source record is deleted. */
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
}

export function sourceKeyString(key: SourceKey): string {
  return `${key.connector}/${key.object}/${key.externalId}`;
}
