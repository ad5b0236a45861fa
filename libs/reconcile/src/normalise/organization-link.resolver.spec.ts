import { organization, person } from '../testing/observation.fixture';
import { buildOrganizationDirectory, organizationFor } from './organization-link.resolver';

const directory = buildOrganizationDirectory([
  {
    customerId: 'acme',
    facts: organization({
      legalName: 'Acme Sverige AB',
      website: 'https://www.acme.se',
      identifiers: [{ scheme: 'vat', value: 'SE556000000101' }],
    }),
  },
  {
    customerId: 'koc',
    facts: organization({ legalName: 'Koç Holding A.Ş.', domain: 'koc.com.tr' }),
  },
  {
    customerId: 'twin-1',
    facts: organization({ legalName: 'Nordic Trade AB', domain: 'shared.example' }),
  },
  {
    customerId: 'twin-2',
    facts: organization({ legalName: 'Nordic Trade Oy', domain: 'shared.example' }),
  },
  { customerId: 'ignored', facts: person({ fullName: 'Not An Org', emails: ['x@acme.se'] }) },
]);

describe('organizationFor', () => {
  it.each([
    [
      'by the identifier of the organization named',
      person({ organization: { identifiers: [{ scheme: 'VAT', value: 'se 5560000001-01' }] } }),
      { customerId: 'acme', by: 'identifier' },
    ],
    [
      'by work e-mail domain',
      person({ emails: ['anna@acme.se'] }),
      { customerId: 'acme', by: 'domain' },
    ],
    [
      'by organization name, legal form and letters folded',
      person({
        emails: ['ali@gmail.com'],
        organization: { name: 'KOC HOLDING AS', identifiers: [] },
      }),
      { customerId: 'koc', by: 'name' },
    ],
    ['never by a free-mail domain', person({ emails: ['anna@gmail.com'] }), null],
    ['not when a domain is ambiguous', person({ emails: ['eve@shared.example'] }), null],
    [
      'not when a name is ambiguous',
      person({ organization: { name: 'Nordic Trade', identifiers: [] } }),
      null,
    ],
    ['not for an organization', organization({ emails: ['info@acme.se'] }), null],
  ])('%s', (_case, facts, expected) => {
    expect(organizationFor(facts, directory)).toEqual(expected);
  });
});
