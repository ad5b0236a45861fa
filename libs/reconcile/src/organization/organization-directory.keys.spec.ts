import { type CustomerFacts } from '@crosswalk/model';
import { organizationFor } from '../normalise/organization-link.resolver';
import { matchKeysOf } from '../match/match-key.policy';
import {
  directoryFromKeys,
  liveDirectoryHolders,
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
  it('indexes an organization by strong identifier (its match key), domain and name key; a person by none', () => {
    expect(organizationDirectoryKeys(acme)).toEqual([
      'organization:id:vat:SE556000000101',
      'orgdir:domain:acme-trading.se',
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

  it('uses the match key for an identifier, so the index holds it once', () => {
    const source = { connector: 'erp', object: 'customers', externalId: '1' };
    const identifierKeys = organizationDirectoryKeys(acme).filter((key) => key.includes(':id:'));
    expect(matchKeysOf(acme, source)).toEqual(expect.arrayContaining(identifierKeys));
  });

  it('keeps identifier holders that are live organizations carrying the identifier', () => {
    const golden = (id: string, deleted: boolean, identifiers = acme.identifiers) => ({
      ...acme,
      identifiers,
      id,
      version: 1,
      sources: [],
      lineage: {},
      quality: { completeness: 1, stale: false, conflicts: [] },
      deleted,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const holders = new Map([
      ['organization:id:vat:SE556000000101', ['live', 'deleted', 'dropped', 'unknown']],
      ['orgdir:domain:acme-trading.se', ['deleted']],
      ['organization:id:vat:SE000', ['deleted']],
    ]);
    const kept = liveDirectoryHolders(holders, [
      golden('live', false),
      golden('deleted', true),
      // a record carried the identifier, survivorship did not keep it
      golden('dropped', false, []),
    ]);
    expect([...kept]).toEqual([
      ['organization:id:vat:SE556000000101', ['live']],
      ['orgdir:domain:acme-trading.se', ['deleted']],
    ]);
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
