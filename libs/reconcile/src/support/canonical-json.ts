import { stringify } from 'safe-stable-stringify';

/**
 * JSON with object keys sorted and `undefined` members dropped, so two values that mean the
 * same thing serialise the same whatever order their keys were written in.
 */
export function canonicalJson(value: unknown): string {
  // A string has no keys to sort: the native serialiser writes the same text, faster.
  if (typeof value === 'string') return JSON.stringify(value);
  return stringify(value) ?? 'null';
}
