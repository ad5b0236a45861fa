import {
  byIdsQuery,
  countQuery,
  keysetCondition,
  latestStampQuery,
  rewind,
  scanQuery,
  soqlString,
  unorderedQuery,
} from './soql.builder';

describe('SOQL building', () => {
  it.each([
    [{ ts: '2024-03-01T10:00:00.000Z', id: null }, 'SystemModstamp > 2024-03-01T10:00:00.000Z'],
    [
      { ts: '2024-03-01T10:00:00.000Z', id: '001000000000001AAA' },
      "(SystemModstamp > 2024-03-01T10:00:00.000Z OR (SystemModstamp = 2024-03-01T10:00:00.000Z AND Id > '001000000000001AAA'))",
    ],
    [
      { ts: '2024-03-01T12:00:00+02:00', id: "a'b" },
      "(SystemModstamp > 2024-03-01T10:00:00.000Z OR (SystemModstamp = 2024-03-01T10:00:00.000Z AND Id > 'a\\'b'))",
    ],
  ])('keyset after %j', (position, expected) => {
    expect(keysetCondition(position)).toBe(expected);
  });

  it('rewinds a position by the overlap to a whole-second window start', () => {
    expect(rewind({ ts: '2024-03-01T10:00:00.000Z', id: '001A' }, 300)).toEqual({
      ts: '2024-03-01T09:55:00.000Z',
      id: null,
    });
    expect(rewind({ ts: '2024-03-01T10:00:00.000Z', id: '001A' }, 0)).toEqual({
      ts: '2024-03-01T10:00:00.000Z',
      id: '001A',
    });
  });

  it('orders the REST scan on (SystemModstamp, Id) and ANDs the user condition', () => {
    expect(
      scanQuery(['Id', 'SystemModstamp', 'Name'], {
        object: 'Account',
        where: "Type = 'Customer' OR Type = 'Partner'",
        after: { ts: '2024-03-01T10:00:00.000Z', id: '001B' },
      }),
    ).toBe(
      'SELECT Id, SystemModstamp, Name FROM Account WHERE ' +
        "(SystemModstamp > 2024-03-01T10:00:00.000Z OR (SystemModstamp = 2024-03-01T10:00:00.000Z AND Id > '001B')) " +
        "AND (Type = 'Customer' OR Type = 'Partner') ORDER BY SystemModstamp ASC, Id ASC",
    );
    expect(scanQuery(['Id'], { object: 'Lead' })).toBe(
      'SELECT Id FROM Lead ORDER BY SystemModstamp ASC, Id ASC',
    );
  });

  it('bounds a Bulk snapshot from above and never orders it', () => {
    expect(
      unorderedQuery(['Id', 'BillingCity'], {
        object: 'Account',
        after: null,
        upTo: '2024-03-02T00:00:00.000Z',
      }),
    ).toBe('SELECT Id, BillingCity FROM Account WHERE SystemModstamp <= 2024-03-02T00:00:00.000Z');
  });

  it('counts, finds the newest stamp and reads by ids', () => {
    const scope = { object: 'Contact', after: { ts: '2024-03-01T10:00:00Z', id: null } };
    expect(countQuery(scope)).toBe(
      'SELECT COUNT() FROM Contact WHERE SystemModstamp > 2024-03-01T10:00:00.000Z',
    );
    expect(latestStampQuery(scope)).toBe(
      'SELECT SystemModstamp FROM Contact WHERE SystemModstamp > 2024-03-01T10:00:00.000Z ORDER BY SystemModstamp DESC LIMIT 1',
    );
    expect(byIdsQuery(['Id', 'IsDeleted'], 'Contact', ['003A', '003B'])).toBe(
      "SELECT Id, IsDeleted FROM Contact WHERE Id IN ('003A', '003B')",
    );
  });

  it('escapes string literals and refuses a timestamp that is not one', () => {
    expect(soqlString('x\\y')).toBe("'x\\\\y'");
    expect(() => keysetCondition({ ts: 'yesterday', id: null })).toThrow(RangeError);
  });
});
