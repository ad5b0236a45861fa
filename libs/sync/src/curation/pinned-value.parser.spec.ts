import { type CustomerKind } from '@crosswalk/model';
import { CurationErrorCode } from './curation.exception';
import { parsePinnedValue, type PinnableField, pinnableField } from './pinned-value.parser';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('parsePinnedValue', () => {
  it.each<[string, PinnableField, unknown, CustomerKind, unknown]>([
    [
      'an e-mail, lower-cased and trimmed',
      'emails',
      '  Anna.Berg@Example.SE ',
      'person',
      ['anna.berg@example.se'],
    ],
    [
      'a national phone, to E.164 in the default region',
      'phones',
      '070-123 45 67',
      'person',
      ['+46701234567'],
    ],
    [
      'an international phone, kept in its own region',
      'phones',
      '+47 22 12 34 56',
      'person',
      ['+4722123456'],
    ],
    [
      'several e-mails given as a list',
      'emails',
      ['a@example.se', 'B@example.se'],
      'person',
      ['a@example.se', 'b@example.se'],
    ],
    ['a family name', 'familyName', 'Lindqvist', 'person', 'Lindqvist'],
    ['a legal name', 'legalName', 'Acme AB', 'organization', 'Acme AB'],
    ['a birth date', 'birthDate', '1980-02-29', 'person', '1980-02-29'],
  ])('takes %s', (_, field, raw, kind, expected) => {
    expect(parsePinnedValue(field, raw, kind, 'SE')).toEqual(expected);
  });

  it.each<[string, PinnableField, unknown]>([
    ['an invalid e-mail', 'emails', 'not-an-address'],
    ['a phone that does not parse', 'phones', '12'],
    ['an impossible birth date', 'birthDate', '1981-02-29'],
    ['an empty value', 'familyName', ''],
    ['an empty list', 'emails', []],
  ])('refuses %s with CURATION_INVALID_VALUE', (_, field, raw) => {
    expect(thrownBy(() => parsePinnedValue(field, raw, 'person', 'SE'))).toMatchObject({
      code: CurationErrorCode.InvalidValue,
      details: { field },
    });
  });
});

describe('pinnableField', () => {
  it.each(['emails', 'phones', 'givenName', 'legalName', 'addresses', 'identifiers'])(
    'accepts %s',
    (field) => {
      expect(pinnableField(field)).toBe(field);
    },
  );

  it.each(['kind', 'nickname', 'sources', 'lineage', ''])(
    'refuses %p with CURATION_INVALID_FIELD',
    (field) => {
      expect(thrownBy(() => pinnableField(field))).toMatchObject({
        code: CurationErrorCode.InvalidField,
        details: { field },
      });
    },
  );
});
