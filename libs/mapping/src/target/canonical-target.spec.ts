import { parseTarget } from './canonical-target';

describe('parseTarget', () => {
  it.each([
    ['legalName', { type: 'text', field: 'legalName' }],
    ['birthDate', { type: 'text', field: 'birthDate' }],
    ['emails', { type: 'list', field: 'emails' }],
    ['phones', { type: 'list', field: 'phones' }],
    ['addresses[0].lines', { type: 'address', index: 0, part: 'lines' }],
    ['addresses[12].postalCode', { type: 'address', index: 12, part: 'postalCode' }],
    ['identifiers.vat', { type: 'identifier', scheme: 'vat' }],
    ['identifiers.erp-customer-number', { type: 'identifier', scheme: 'erp-customer-number' }],
    ['organization.name', { type: 'organization-name' }],
    ['organization.identifiers.vat', { type: 'organization-identifier', scheme: 'vat' }],
  ])('%s', (key, target) => {
    expect(parseTarget(key)).toEqual({ ok: true, target });
  });

  it.each([
    [
      'nickname',
      /unknown canonical field "nickname"; the model has fullName, .*organization\.identifiers\.<scheme>/,
    ],
    ['email', /unknown canonical field "email"/],
    ['addresses', /unknown canonical field "addresses"/],
    [
      'addresses[0].street',
      /unknown canonical field "addresses\[0\]\.street": an address has lines, city/,
    ],
    ['addresses[01].city', /unknown canonical field/],
    ['addresses[x].city', /unknown canonical field/],
    ['identifiers.VAT', /identifier scheme "VAT" must be kebab-case; write identifiers\.vat/],
    ['identifiers.', /identifier scheme "" must be kebab-case/],
    ['organization.identifiers.erp_no', /write organization\.identifiers\.erp-no/],
    ['organization', /unknown canonical field "organization"/],
    ['kind', /kind is declared on the object/],
    ['sources', /unknown canonical field "sources"/],
  ])('refuses %s', (key, reason) => {
    const parsed = parseTarget(key);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(reason);
  });
});
