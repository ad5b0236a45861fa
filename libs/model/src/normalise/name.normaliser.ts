import { accepted, type Normalised, refused, ValidationCode } from './normalise-result';

/** Trims, collapses inner whitespace and composes Unicode (NFC) so "é" has one spelling. */
function collapse(input: string): string {
  return input.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * A person's name part (full, given or family). Case and diacritics are kept as written:
 * "van der Berg" and "McDonald" would be damaged by any automatic recasing.
 */
export function normalisePersonName(input: string): Normalised<string> {
  const name = collapse(input);
  if (name === '') return refused(ValidationCode.MISSING_REQUIRED, 'name is empty');
  return accepted(name);
}

/** An organization's legal or trading name; legal suffixes (AB, GmbH, Ltd) are kept. */
export function normaliseOrganizationName(input: string): Normalised<string> {
  const name = collapse(input);
  if (name === '') return refused(ValidationCode.MISSING_REQUIRED, 'organization name is empty');
  return accepted(name);
}

/** Whitespace-collapsed text for free-form fields such as address lines and cities. */
export function normaliseText(input: string): string | undefined {
  const text = collapse(input);
  return text === '' ? undefined : text;
}
