import { type GoldenRecord } from './customer';
import { goldenRecordJson } from './golden-record-json';

const record = (id: string): GoldenRecord => ({
  id,
  version: 1,
  kind: 'person',
  givenName: 'Åsa',
  familyName: 'Öberg "Junior"',
  emails: ['asa@example.se'],
  phones: [],
  addresses: [],
  identifiers: [],
  sources: [],
  lineage: {},
  quality: { completeness: 0.4, stale: false, conflicts: [] },
  deleted: false,
  createdAt: '2024-03-01T10:15:00.000Z',
  updatedAt: '2024-03-01T10:15:00.000Z',
});

describe('goldenRecordJson', () => {
  afterEach(() => jest.restoreAllMocks());

  it('is JSON.stringify of the record', () => {
    const golden = record('c-1');
    expect(goldenRecordJson(golden)).toBe(JSON.stringify(golden));
  });

  it('serializes a record object once, however often it is asked', () => {
    const golden = record('c-2');
    const stringify = jest.spyOn(JSON, 'stringify');
    const first = goldenRecordJson(golden);
    expect(goldenRecordJson(golden)).toBe(first);
    expect(stringify).toHaveBeenCalledTimes(1);
    // Another object, even an equal one, is serialized on its own.
    expect(goldenRecordJson({ ...golden, version: 2 })).toContain('"version":2');
    expect(stringify).toHaveBeenCalledTimes(2);
  });
});
