import { type CustomerFacts } from '@crosswalk/model';
import { organizationFor } from '../normalise/organization-link.resolver';
import {
  directoryFromKeys,
  organizationDirectoryKeys,
  organizationLookupKeys,
  withOrganizationLink,
} from './organization-directory.keys';

const facts = (extra: Partial<CustomerFacts>): CustomerFacts => ({
  kind: 'person',
  emails: [],
  phones: [],
  addresses: [],
  identifiers: [],
  ...extra,
});

const acme = facts({
  kind: 'organization',
  legalName: 'Acme Trading AB',
  identifiers: [{ scheme: 'vat', value: 'SE556000000101' }],
  website: 'https://www.acme-trading.se',
  emails: ['info@acme-trading.se'],
});

describe('organization directory keys', () => {
  it('indexes an organization by strong identifier, domain and name key; a person by none', () => {
    expect(organizationDirectoryKeys(acme)).toEqual([
      'orgdir:domain:acme-trading.se',
      'orgdir:id:vat:SE556000000101',
      'orgdir:name:acmetrading',
    ]);
    expect(organizationDirectoryKeys(facts({ givenName: 'Karin' }))).toEqual([]);
  });

  it.each<[string, Partial<CustomerFacts>, string | null]>([
    [
      'a named identifier',
      { organization: { identifiers: [{ scheme: 'VAT', value: 'se 5560000001-01' }] } },
      'acme',
    ],
    ['a work e-mail', { emails: ['karin@acme-trading.se'] }, 'acme'],
    ['a free-mail address', { emails: ['karin@gmail.com'] }, null],
    [
      'the name without its legal form',
      { organization: { name: 'ACME Trading', identifiers: [] } },
      'acme',
    ],
    ['another name', { organization: { name: 'Bolt AB', identifiers: [] } }, null],
  ])('a person found through %s', (_, person, expected) => {
    const lookup = organizationLookupKeys(facts(person));
    const stored = new Set(organizationDirectoryKeys(acme));
    const holders = new Map(lookup.filter((key) => stored.has(key)).map((key) => [key, ['acme']]));
    expect(organizationFor(facts(person), directoryFromKeys(holders))?.customerId ?? null).toBe(
      expected,
    );
  });

  it('two organizations behind one key give no link', () => {
    const directory = directoryFromKeys(new Map([['orgdir:domain:acme-trading.se', ['a', 'b']]]));
    expect(organizationFor(facts({ emails: ['k@acme-trading.se'] }), directory)).toBeNull();
  });

  it('sets, keeps and drops the link on the facts', () => {
    const person = facts({ organization: { name: 'Acme', identifiers: [] } });
    const linked = withOrganizationLink(person, { customerId: 'c-1', by: 'name' });
    expect(linked.organization).toEqual({ name: 'Acme', identifiers: [], customerId: 'c-1' });
    expect(withOrganizationLink(linked, { customerId: 'c-1', by: 'name' })).toBe(linked);
    expect(withOrganizationLink(linked, null).organization).toEqual({
      name: 'Acme',
      identifiers: [],
    });
    expect(withOrganizationLink(person, null)).toBe(person);
    expect(withOrganizationLink(acme, { customerId: 'c-1', by: 'name' })).toBe(acme);
  });
});
