import { SalesforceApiError } from '../errors/salesforce-api.error';
import { parseSoql } from './soql-parser';

describe('parseSoql', () => {
  it('parses fields, WHERE with parentheses, ORDER BY and LIMIT', () => {
    const query = parseSoql(
      "SELECT Id, Name FROM Account WHERE (SystemModstamp = 2026-01-01T00:00:00.000Z AND Id > '001000000000001') OR SystemModstamp > 2026-01-01T00:00:00Z ORDER BY SystemModstamp ASC, Id DESC NULLS FIRST LIMIT 10",
    );
    expect(query.select).toEqual({ kind: 'fields', fields: ['Id', 'Name'] });
    expect(query.from).toBe('Account');
    expect(query.where?.kind).toBe('or');
    expect(query.orderBy).toEqual([
      { field: 'SystemModstamp', descending: false, nullsLast: false },
      { field: 'Id', descending: true, nullsLast: false },
    ]);
    expect(query.limit).toBe(10);
  });

  it('parses COUNT(), IN, NOT IN, LIKE and literals', () => {
    const query = parseSoql(
      "select count() from Lead where Status in ('A', 'B') and Email not in (null) and Name like 'Ann%' and IsConverted = false and Birthdate < 2000-01-01 and Score__c >= -1.5",
    );
    expect(query.select).toEqual({ kind: 'count' });
    expect(query.where).toMatchObject({ kind: 'and' });
    const items = query.where?.kind === 'and' ? query.where.items : [];
    expect(items.map((item) => item.kind)).toEqual([
      'in',
      'in',
      'like',
      'compare',
      'compare',
      'compare',
    ]);
    expect(items[4]).toMatchObject({ value: { kind: 'date', value: '2000-01-01' } });
    expect(items[5]).toMatchObject({ value: { kind: 'number', value: -1.5 } });
  });

  it('decodes escapes in string literals', () => {
    const query = parseSoql("SELECT Id FROM Account WHERE Name = 'O\\'Brien \\\\ Co'");
    expect(query.where).toMatchObject({ value: { kind: 'string', value: "O'Brien \\ Co" } });
  });

  it.each([
    [
      'mixed AND/OR without parentheses',
      "SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'",
    ],
    ['relationship field', 'SELECT Account.Name FROM Contact'],
    ['GROUP BY', 'SELECT Name FROM Account GROUP BY Name'],
    ['OFFSET', 'SELECT Id FROM Account LIMIT 5 OFFSET 5'],
    ['date literal keyword', 'SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:5'],
    ['missing FROM', 'SELECT Id Account'],
    ['unterminated string', "SELECT Id FROM Account WHERE Name = 'x"],
    ['semi-join', 'SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account)'],
    ['trailing garbage', 'SELECT Id FROM Account ;'],
  ])('rejects %s with MALFORMED_QUERY', (_label, soql) => {
    let caught: unknown;
    try {
      parseSoql(soql);
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SalesforceApiError);
    expect((caught as SalesforceApiError).code).toBe('MALFORMED_QUERY');
  });
});
