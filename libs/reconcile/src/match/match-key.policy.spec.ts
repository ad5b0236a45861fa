import { type CustomerFacts } from '@crosswalk/model';
import { organization, person } from '../testing/observation.fixture';
import {
  DEFAULT_MATCH_KEY_POLICY,
  isStrongScheme,
  type MatchKeyPolicy,
  matchKeysOf,
} from './match-key.policy';

const KEY = { connector: 'erp-sql', object: 'customers', externalId: '42' };
const SRC = 'src:erp-sql/customers/42';

describe('matchKeysOf', () => {
  it.each<[string, CustomerFacts, string[]]>([
    ['only the source key when nothing identifies', person({ fullName: 'Ada' }), [SRC]],
    [
      'e-mail, trimmed and lower-cased',
      person({ emails: [' Ada@Example.COM '] }),
      ['person:email:ada@example.com', SRC],
    ],
    [
      'no key for a shared mailbox of a person',
      person({ emails: ['info@acme.example', 'sales@acme.example'] }),
      [SRC],
    ],
    [
      'an organization keeps its role mailbox',
      organization({ emails: ['info@acme.example'] }),
      ['organization:email:info@acme.example', SRC],
    ],
    [
      'no key for what is not an address',
      person({ emails: ['ada', '@example.com', 'ada@'] }),
      [SRC],
    ],
    ['phone in E.164', person({ phones: ['+46701234567'] }), ['person:phone:+46701234567', SRC]],
    [
      'no key for a phone that was never normalised',
      person({ phones: ['070-123 45 67', '0046701234567'] }),
      [SRC],
    ],
    [
      'organization phone is kept apart from a person one',
      organization({ phones: ['+4681234567'] }),
      ['organization:phone:+4681234567', SRC],
    ],
    [
      'VAT id compacted and upper-cased',
      organization({ identifiers: [{ scheme: 'vat', value: 'se 5560-1234.5601' }] }),
      ['organization:id:vat:SE556012345601', SRC],
    ],
    [
      'ERP customer number',
      organization({ identifiers: [{ scheme: 'erp-customer-number', value: 'K-1001' }] }),
      ['organization:id:erp-customer-number:K1001', SRC],
    ],
    [
      'qualified ERP customer number',
      organization({ identifiers: [{ scheme: 'erp-customer-number-nordics', value: '1001' }] }),
      ['organization:id:erp-customer-number-nordics:1001', SRC],
    ],
    [
      'no key for a weak scheme',
      organization({ identifiers: [{ scheme: 'crm-segment', value: 'A' }] }),
      [SRC],
    ],
    [
      'national id of a person',
      person({ identifiers: [{ scheme: 'national-id', value: '19121210-1212' }] }),
      ['person:id:national-id:191212101212', SRC],
    ],
    [
      'sorted and without duplicates',
      person({
        emails: ['b@example.com', 'A@example.com', 'a@example.com'],
        phones: ['+4670111', '+4670111'],
      }),
      ['person:email:a@example.com', 'person:email:b@example.com', 'person:phone:+4670111', SRC],
    ],
  ])('%s', (_case, facts, expected) => {
    expect(matchKeysOf(facts, KEY)).toEqual(expected);
  });

  it('follows a policy given by the caller', () => {
    const policy: MatchKeyPolicy = {
      strongIdentifierSchemes: ['crm-segment'],
      sharedMailboxLocalParts: [],
    };
    const facts = person({
      emails: ['info@acme.example'],
      identifiers: [
        { scheme: 'crm-segment', value: 'a' },
        { scheme: 'vat', value: 'SE1' },
      ],
    });
    expect(matchKeysOf(facts, KEY, policy)).toEqual([
      'person:email:info@acme.example',
      'person:id:crm-segment:A',
      SRC,
    ]);
  });
});

describe('isStrongScheme', () => {
  it.each([
    ['vat', true],
    ['VAT', true],
    ['erp-customer-number', true],
    ['erp-customer-number-sap', true],
    ['erp-customer-numbers', false],
    ['duns', true],
    ['website-id', false],
  ])('%s -> %s', (scheme, strong) => {
    expect(isStrongScheme(scheme, DEFAULT_MATCH_KEY_POLICY)).toBe(strong);
  });
});
