import { parseBulkCsvPage } from './bulk-csv.parser';
import { type DescribedField, resolveFieldSelection } from './field-selection.resolver';
import {
  mapCsvRecords,
  mapRestRecords,
  normaliseValue,
  toIsoUtc,
} from './salesforce-record.mapper';

const DESCRIBED: DescribedField[] = [
  { name: 'Id', type: 'id' },
  { name: 'IsDeleted', type: 'boolean' },
  { name: 'Name', type: 'string' },
  { name: 'BillingStreet', type: 'textarea', compoundFieldName: 'BillingAddress' },
  { name: 'BillingAddress', type: 'address' },
  { name: 'NumberOfEmployees', type: 'int' },
  { name: 'AnnualRevenue', type: 'currency' },
  { name: 'SystemModstamp', type: 'datetime' },
];

describe('Bulk CSV pages', () => {
  it('parses quoted fields, embedded quotes and line breaks, and rejects a short row', () => {
    const csv =
      '"Id","Name","BillingStreet"\n' +
      '"001A","Acme ""Intl""","1 Main St\nSuite 2"\n' +
      '"001B",""\n' +
      '"001C","Beta",""\n';
    const page = parseBulkCsvPage('Account', csv);
    expect(page.rows).toEqual([
      { Id: '001A', Name: 'Acme "Intl"', BillingStreet: '1 Main St\nSuite 2' },
      { Id: '001C', Name: 'Beta', BillingStreet: '' },
    ]);
    expect(page.rejected).toEqual([
      expect.objectContaining({ object: 'Account', code: 'RECORD_COLUMN_COUNT' }),
    ]);
    expect(parseBulkCsvPage('Account', '')).toEqual({ rows: [], rejected: [] });
  });

  it('gives a record read by Bulk the same payload as by REST', () => {
    const selection = resolveFieldSelection('Account', DESCRIBED, [
      'Name',
      'BillingAddress',
      'NumberOfEmployees',
      'AnnualRevenue',
    ]);
    const rest = mapRestRecords(selection, [
      {
        attributes: { type: 'Account', url: '/services/data/v62.0/sobjects/Account/001A' },
        Id: '001A',
        SystemModstamp: '2024-03-01T10:00:00.000+0000',
        IsDeleted: false,
        Name: 'Acme',
        BillingStreet: null,
        NumberOfEmployees: 12,
        AnnualRevenue: 1500.5,
      },
    ]);
    const { rows } = parseBulkCsvPage(
      'Account',
      '"Id","SystemModstamp","IsDeleted","Name","BillingStreet","NumberOfEmployees","AnnualRevenue"\n' +
        '"001A","2024-03-01T10:00:00.000Z","false","Acme","","12","1500.5"\n',
    );
    const bulk = mapCsvRecords(selection, rows);
    expect(bulk.records).toEqual(rest.records);
    expect(rest.records[0]).toEqual({
      object: 'Account',
      externalId: '001A',
      modifiedAt: '2024-03-01T10:00:00.000Z',
      deleted: false,
      payload: {
        Id: '001A',
        SystemModstamp: '2024-03-01T10:00:00.000Z',
        IsDeleted: false,
        Name: 'Acme',
        BillingStreet: null,
        NumberOfEmployees: 12,
        AnnualRevenue: 1500.5,
      },
    });
    expect(rest.last).toEqual({ ts: '2024-03-01T10:00:00.000Z', id: '001A' });
  });

  it('flattens relationship fields and rejects a record without Id', () => {
    const selection = resolveFieldSelection('Account', DESCRIBED, ['Owner.Name']);
    const mapped = mapRestRecords(selection, [
      {
        Id: '001A',
        SystemModstamp: '2024-03-01T10:00:00Z',
        IsDeleted: true,
        Owner: { Name: 'Ana' },
      },
      { Id: null, SystemModstamp: '2024-03-01T10:00:00Z', IsDeleted: false, Owner: null },
    ]);
    expect(mapped.records[0]?.payload['Owner.Name']).toBe('Ana');
    expect(mapped.records[0]?.deleted).toBe(true);
    expect(mapped.rejected).toEqual([expect.objectContaining({ code: 'RECORD_MISSING_ID' })]);
  });

  it.each([
    ['', 'string', null],
    ['TRUE', 'boolean', true],
    ['3.50', 'double', 3.5],
    ['n/a', 'int', 'n/a'],
    ['2024-03-01', 'date', '2024-03-01'],
    [7, 'int', 7],
  ])('normalises %j of type %s', (value, type, expected) => {
    expect(normaliseValue(value, type)).toEqual(expected);
  });

  it('reads Salesforce offsets as UTC', () => {
    expect(toIsoUtc('2024-03-01T12:00:00.000+0200')).toBe('2024-03-01T10:00:00.000Z');
  });
});
