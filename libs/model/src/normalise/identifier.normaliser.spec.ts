import { normaliseIdentifier, normaliseIdentifierScheme } from './identifier.normaliser';
import { ValidationCode } from './normalise-result';

describe('identifier normalisers', () => {
  it.each([
    ['VAT', 'vat'],
    ['erpCustomerNumber', 'erp-customer-number'],
    ['ERP_CUSTOMER_NO', 'erp-customer-no'],
    [' Tax ID ', 'tax-id'],
    ['duns', 'duns'],
  ])('scheme %j -> %s', (input, expected) => {
    expect(normaliseIdentifierScheme(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [
      { scheme: 'VAT', value: ' se 5560-1234 5601 ' },
      { scheme: 'vat', value: 'SE556012345601' },
    ],
    [
      { scheme: 'tax-id', value: 'de-123.456.789' },
      { scheme: 'tax-id', value: 'DE123456789' },
    ],
    [
      { scheme: 'erp customer number', value: ' c-00042 ' },
      { scheme: 'erp-customer-number', value: 'c-00042' },
    ],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseIdentifier(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [{ scheme: '--', value: '1' }, ValidationCode.INVALID_IDENTIFIER],
    [{ scheme: 'vat', value: ' - ' }, ValidationCode.MISSING_REQUIRED],
  ])('refuses %j with %s', (input, code) => {
    expect(normaliseIdentifier(input)).toMatchObject({ ok: false, code });
  });
});
