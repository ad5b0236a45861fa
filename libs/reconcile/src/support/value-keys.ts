import { type Identifier } from '@crosswalk/model';

/*
 * Comparison forms of values that arrive normalised already: they only absorb differences
 * of case and decorative punctuation, so that matching and de-duplication agree.
 */

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function phoneKey(phone: string): string {
  return phone.replace(/[\s().-]/g, '');
}

export function identifierParts(identifier: Identifier): { scheme: string; value: string } {
  return {
    scheme: identifier.scheme.trim().toLowerCase(),
    value: identifier.value.replace(/[\s./-]/g, '').toUpperCase(),
  };
}
