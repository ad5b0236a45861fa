import { type PostalAddress } from '@crosswalk/model';
import { addressParts, nameParts, organizationParts, textLength } from './field-values';

describe('field measures', () => {
  it.each<[string, number]>([
    ['Ada King', 2],
    ['Augusta Ada King', 3],
    ['A. King', 1],
    ['J R R Tolkien', 1],
    ['  Åsa   Öberg ', 2],
    ['Anna-Karin Svensson', 2],
    ['', 0],
  ])('name parts of %j: %i', (name, parts) => {
    expect(nameParts(name)).toBe(parts);
  });

  it.each<[string, number]>([
    ['Ada', 3],
    [' Ada   King ', 8],
    ['Åsa', 3],
    ['A\u030Asa', 3],
  ])('length of %j: %i', (text, length) => {
    expect(textLength(text)).toBe(length);
  });

  it.each<[PostalAddress, number]>([
    [{ lines: [] }, 0],
    [{ lines: ['Storgatan 1', ' '], country: 'SE' }, 2],
    [{ lines: ['c/o Berg', 'Storgatan 1'], city: 'Malmö', postalCode: '211 22', country: 'SE' }, 5],
    [{ lines: ['Main St 1'], city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' }, 5],
  ])('address parts of %j: %i', (address, parts) => {
    expect(addressParts(address)).toBe(parts);
  });

  it.each([
    [{ identifiers: [] }, 0],
    [{ name: 'Acme', identifiers: [] }, 1],
    [
      {
        name: 'Acme',
        customerId: 'c-1',
        identifiers: [
          { scheme: 'vat', value: 'SE1' },
          { scheme: 'VAT', value: 'se 1' },
        ],
      },
      3,
    ],
  ])('organization parts of %j: %i', (organization, parts) => {
    expect(organizationParts(organization)).toBe(parts);
  });
});
