import { type GoldenRecord } from '@crosswalk/model';
import { buildGoldenRecord } from '../survivorship/golden-record.builder';
import { NOW, observation, person, POLICY } from '../testing/observation.fixture';
import { diffGoldenRecords } from './golden-record.diff';

const base: GoldenRecord = buildGoldenRecord({
  id: 'c-1',
  members: [
    observation(
      'erp-sql',
      's',
      person({ fullName: 'Ada', emails: ['a@example.com', 'b@example.com'] }),
    ),
  ],
  policy: POLICY,
  now: NOW,
  previous: null,
});

describe('diffGoldenRecords', () => {
  it.each<[string, Partial<GoldenRecord>, { field: string; before: unknown; after: unknown }[]]>([
    ['nothing', {}, []],
    [
      'a scalar',
      { fullName: 'Ada King' },
      [{ field: 'fullName', before: 'Ada', after: 'Ada King' }],
    ],
    [
      'a value appearing',
      { birthDate: '1815-12-10' },
      [{ field: 'birthDate', before: null, after: '1815-12-10' }],
    ],
    [
      'a value disappearing',
      { fullName: undefined },
      [{ field: 'fullName', before: 'Ada', after: null }],
    ],
    ['the order of a list only', { emails: ['b@example.com', 'a@example.com'] }, []],
    [
      'a list of objects appearing',
      {
        identifiers: [
          { value: '2', scheme: 'duns' },
          { scheme: 'vat', value: '1' },
        ],
      },
      [
        {
          field: 'identifiers',
          before: [],
          after: [
            { value: '2', scheme: 'duns' },
            { scheme: 'vat', value: '1' },
          ],
        },
      ],
    ],
    [
      'a list member repeated',
      { emails: ['a@example.com', 'b@example.com', 'b@example.com'] },
      [
        {
          field: 'emails',
          before: ['a@example.com', 'b@example.com'],
          after: ['a@example.com', 'b@example.com', 'b@example.com'],
        },
      ],
    ],
    [
      'a list member',
      { emails: ['a@example.com'] },
      [{ field: 'emails', before: ['a@example.com', 'b@example.com'], after: ['a@example.com'] }],
    ],
    ['bookkeeping only', { version: 9, updatedAt: '2030-01-01T00:00:00Z', lineage: {} }, []],
    [
      'lastSeenAt only',
      { sources: base.sources.map((link) => ({ ...link, lastSeenAt: '2030-01-01T00:00:00Z' })) },
      [],
    ],
    [
      'a source deleted',
      { sources: base.sources.map((link) => ({ ...link, deleted: true })), deleted: true },
      [
        {
          field: 'sources',
          before: base.sources,
          after: base.sources.map((link) => ({ ...link, deleted: true })),
        },
        { field: 'deleted', before: false, after: true },
      ],
    ],
    [
      'a quality flag',
      { quality: { ...base.quality, stale: true } },
      [{ field: 'quality', before: base.quality, after: { ...base.quality, stale: true } }],
    ],
  ])('%s', (_case, patch, expected) => {
    expect(diffGoldenRecords(base, { ...base, ...patch })).toEqual(expected);
  });

  it('finds no change in a list of objects whose order and key order moved', () => {
    const before = {
      ...base,
      identifiers: [
        { scheme: 'vat', value: '1' },
        { scheme: 'duns', value: '2' },
      ],
    };
    const after = {
      ...base,
      identifiers: [
        { value: '2', scheme: 'duns' },
        { value: '1', scheme: 'vat' },
      ],
    };
    expect(diffGoldenRecords(before, after)).toEqual([]);
  });

  it('reports every field with a value when nothing was published before', () => {
    expect(diffGoldenRecords(null, base).map((change) => change.field)).toEqual([
      'kind',
      'fullName',
      'emails',
      'sources',
      'quality',
    ]);
  });
});
