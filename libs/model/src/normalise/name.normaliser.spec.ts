import { normaliseOrganizationName, normalisePersonName, normaliseText } from './name.normaliser';
import { ValidationCode } from './normalise-result';

describe('name normalisers', () => {
  it.each([
    ['  Åsa   Öberg ', 'Åsa Öberg'],
    ['José\tMaría', 'José María'],
    ['van der  Berg', 'van der Berg'],
    // "e" + combining acute composes to one code point
    ['Rene\u0301', 'René'],
  ])('person name %j -> %j', (input, expected) => {
    expect(normalisePersonName(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['  Nordic  Widgets AB ', 'Nordic Widgets AB'],
    ['Müller\n& Söhne GmbH', 'Müller & Söhne GmbH'],
  ])('organization name %j -> %j', (input, expected) => {
    expect(normaliseOrganizationName(input)).toEqual({ ok: true, value: expected });
  });

  it.each([normalisePersonName, normaliseOrganizationName])('%p refuses a blank name', (fn) => {
    expect(fn(' \t ')).toMatchObject({ ok: false, code: ValidationCode.MISSING_REQUIRED });
  });

  it.each([
    [' Storgatan  1 ', 'Storgatan 1'],
    ['   ', undefined],
  ])('text %j -> %j', (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });
});
