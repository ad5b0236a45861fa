import { type Identifier } from '../customer';
import { accepted, type Normalised, refused, ValidationCode } from './normalise-result';

/**
 * Schemes whose values are written with decorative spaces, dashes and dots
 * ("SE 5560-1234 5601", "de-123.456.789"): compacted and upper-cased so they compare equal.
 */
export const COMPACT_IDENTIFIER_SCHEMES: readonly string[] = [
  'vat',
  'vat-id',
  'tax-id',
  'tin',
  'ein',
];

/** "VAT", "erpCustomerNumber", "ERP_CUSTOMER_NO" -> "vat", "erp-customer-number", "erp-customer-no". */
export function normaliseIdentifierScheme(input: string): Normalised<string> {
  const scheme = input
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (scheme === '') {
    return refused(ValidationCode.INVALID_IDENTIFIER, `"${input}" is not an identifier scheme`);
  }
  return accepted(scheme);
}

/** Scheme in kebab-case; value trimmed, and compacted for tax and VAT schemes. */
export function normaliseIdentifier(input: Identifier): Normalised<Identifier> {
  const scheme = normaliseIdentifierScheme(input.scheme);
  if (!scheme.ok) return scheme;
  const trimmed = input.value.trim();
  const value = COMPACT_IDENTIFIER_SCHEMES.includes(scheme.value)
    ? trimmed.replace(/[\s.-]+/g, '').toUpperCase()
    : trimmed;
  if (value === '') {
    return refused(ValidationCode.MISSING_REQUIRED, `identifier "${scheme.value}" has no value`);
  }
  return accepted({ scheme: scheme.value, value });
}
