import { ConnectorError } from '../port/connector-error';
import {
  compoundComponents,
  type DescribedField,
  describeMissingFields,
  resolveFieldSelection,
} from './field-selection.resolver';

const f = (
  name: string,
  type = 'string',
  compoundFieldName: string | null = null,
): DescribedField => ({
  name,
  type,
  compoundFieldName,
});

const ACCOUNT = [
  f('Id', 'id'),
  f('IsDeleted', 'boolean'),
  f('Name'),
  f('BillingStreet', 'textarea', 'BillingAddress'),
  f('BillingCity', 'string', 'BillingAddress'),
  f('BillingCountry', 'string', 'BillingAddress'),
  f('BillingAddress', 'address'),
  f('AnnualRevenue', 'currency'),
  f('SystemModstamp', 'datetime'),
];
const CONTACT = [
  f('Id', 'id'),
  f('FirstName', 'string', 'Name'),
  f('LastName', 'string', 'Name'),
  f('Name'),
  f('MailingCity', 'string', 'MailingAddress'),
  f('MailingAddress', 'address'),
  f('SystemModstamp', 'datetime'),
];

describe('field selection', () => {
  it('finds the components of compound fields', () => {
    expect(Object.fromEntries(compoundComponents(CONTACT))).toEqual({
      Name: ['FirstName', 'LastName'],
      MailingAddress: ['MailingCity'],
    });
  });

  it('selects every non-compound field by default, system fields first', () => {
    const selection = resolveFieldSelection('Account', ACCOUNT, undefined);
    expect(selection.fields).toEqual([
      'Id',
      'SystemModstamp',
      'IsDeleted',
      'Name',
      'BillingStreet',
      'BillingCity',
      'BillingCountry',
      'AnnualRevenue',
    ]);
    expect(selection.types.get('AnnualRevenue')).toBe('currency');
    expect(selection.missing).toEqual([]);
  });

  it.each([
    [
      'an address',
      'Account',
      ACCOUNT,
      ['BillingAddress'],
      ['Id', 'SystemModstamp', 'IsDeleted', 'BillingStreet', 'BillingCity', 'BillingCountry'],
    ],
    [
      "a contact's Name",
      'Contact',
      CONTACT,
      ['Name', 'MailingAddress'],
      ['Id', 'SystemModstamp', 'FirstName', 'LastName', 'MailingCity'],
    ],
    [
      'names in any case, and relationship paths',
      'Contact',
      CONTACT,
      ['lastname', 'Account.Name'],
      ['Id', 'SystemModstamp', 'LastName', 'Account.Name'],
    ],
  ])('expands %s into its components', (_case, object, described, configured, expected) => {
    expect(resolveFieldSelection(object, described, configured).fields).toEqual(expected);
  });

  it('leaves out and reports configured fields Salesforce no longer has', () => {
    const selection = resolveFieldSelection('Account', ACCOUNT, ['Name', 'Segment__c', 'Rating']);
    expect(selection.fields).toEqual(['Id', 'SystemModstamp', 'IsDeleted', 'Name']);
    expect(selection.missing).toEqual(['Segment__c', 'Rating']);
    expect(describeMissingFields(selection)).toBe(
      "Account: fields Segment__c, Rating no longer in Salesforce's describe (removed or renamed); " +
        'left out of the query, the other fields sync',
    );
    expect(
      describeMissingFields(resolveFieldSelection('Account', ACCOUNT, ['Name'])),
    ).toBeUndefined();
  });

  it('refuses an object without SystemModstamp', () => {
    expect(() => resolveFieldSelection('Thing__c', [f('Id', 'id')], undefined)).toThrow(
      ConnectorError,
    );
  });
});
