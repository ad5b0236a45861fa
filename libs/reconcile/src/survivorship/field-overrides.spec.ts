import { type GoldenRecord } from '@crosswalk/model';
import { diffGoldenRecords } from '../diff/golden-record.diff';
import { ReconcileErrorCode, ReconcileException } from '../reconcile.exception';
import { type FieldOverride } from '../reconcile.types';
import { NOW, observation, person, POLICY, thrownBy } from '../testing/observation.fixture';
import { mergeFieldOverrides, overrideLineage } from './field-overrides';
import { buildGoldenRecord } from './golden-record.builder';

const PINNED_AT = '2025-05-15T00:00:00.000Z';

function pin(
  field: FieldOverride['field'],
  value: FieldOverride['value'],
  pinnedAt = PINNED_AT,
  pinnedBy = 'ops@example.com',
): FieldOverride {
  return { field, value, pinnedBy, pinnedAt };
}

const sql = observation(
  'erp-sql',
  '1',
  person({ fullName: 'Ada Lovelace', emails: ['ada@example.com'], birthDate: '1815-12-10' }),
);
const file = observation(
  'erp-file',
  '2',
  person({ fullName: 'Ada King', emails: ['king@example.com'], birthDate: '1815-12-11' }),
);

function build(overrides?: FieldOverride[], previous: GoldenRecord | null = null): GoldenRecord {
  return buildGoldenRecord({
    id: 'c-1',
    members: [sql, file],
    policy: POLICY,
    now: NOW,
    previous,
    overrides,
  });
}

describe('buildGoldenRecord with pinned values', () => {
  it.each<[string, FieldOverride, Partial<GoldenRecord>]>([
    [
      'a name over every source',
      pin('fullName', 'Augusta Ada King'),
      { fullName: 'Augusta Ada King' },
    ],
    [
      'a list, as the whole list',
      pin('emails', ['countess@example.com']),
      { emails: ['countess@example.com'] },
    ],
    [
      'a field no source gives',
      pin('website', 'https://ada.example/'),
      { website: 'https://ada.example/' },
    ],
    ['an empty list that clears the field', pin('emails', []), { emails: [] }],
  ])('takes %s', (_case, override, expected) => {
    const golden = build([override]);
    expect(golden).toMatchObject(expected);
    expect(golden.lineage[override.field]).toEqual([
      {
        connector: 'crosswalk',
        object: 'override',
        externalId: 'ops@example.com',
        rule: 'manual-override',
        observedAt: PINNED_AT,
      },
    ]);
  });

  it('clears a scalar pinned to nothing and keeps the pin in lineage', () => {
    const golden = build([pin('birthDate', undefined)]);
    expect(golden).not.toHaveProperty('birthDate');
    expect(golden.lineage.birthDate?.[0]?.rule).toBe('manual-override');
  });

  it('does not report a pinned field as a conflict, and still reports the others', () => {
    expect(build().quality.conflicts).toEqual(['fullName', 'birthDate']);
    expect(build([pin('fullName', 'Ada')]).quality.conflicts).toEqual(['birthDate']);
  });

  it('counts a pinned value towards completeness', () => {
    const alone = buildGoldenRecord({
      id: 'c-2',
      members: [observation('crm', '9', person({ fullName: 'Bob' }))],
      policy: POLICY,
      now: NOW,
      previous: null,
      overrides: [pin('phones', ['+46701234567'])],
    });
    expect(alone.quality.completeness).toBe(0.5);
  });

  it('is a change: pinning publishes a new version with the field in the diff', () => {
    const before = build();
    const after = build([pin('fullName', 'Augusta Ada King')], before);
    expect(after.version).toBe(before.version + 1);
    expect(diffGoldenRecords(before, after).map((change) => change.field)).toEqual([
      'fullName',
      'quality',
    ]);
  });

  it('changes nothing when the pins are the same as last time', () => {
    const before = build([pin('fullName', 'Augusta Ada King')]);
    expect(build([pin('fullName', 'Augusta Ada King')], before)).toBe(before);
  });

  it('does not apply to a customer whose every source is deleted', () => {
    const golden = buildGoldenRecord({
      id: 'c-3',
      members: [{ ...sql, deleted: true }],
      policy: POLICY,
      now: NOW,
      previous: null,
      overrides: [pin('fullName', 'Ada')],
    });
    expect(golden).toMatchObject({ deleted: true, version: 0 });
    expect(golden).not.toHaveProperty('fullName');
  });

  it.each<[string, FieldOverride[]]>([
    ['the same field pinned twice', [pin('fullName', 'A'), pin('fullName', 'B')]],
    ['a list field pinned to a string', [pin('emails', 'ada@example.com')]],
    ['a name pinned to a list', [pin('fullName', ['Ada'])]],
    ['an organization pinned to a string', [pin('organization', 'Acme')]],
    ['the kind', [{ ...pin('fullName', 'x'), field: 'kind' as never }]],
    ['a pin without its author', [pin('fullName', 'Ada', PINNED_AT, ' ')]],
  ])('refuses %s', (_case, overrides) => {
    const error = thrownBy(() => build(overrides));
    expect(error).toBeInstanceOf(ReconcileException);
    expect(error).toMatchObject({ code: ReconcileErrorCode.InvalidOverride });
  });

  it('refuses a pin whose time is not a timestamp', () => {
    const error = thrownBy(() => build([pin('fullName', 'Ada', 'yesterday')]));
    expect(error).toMatchObject({ code: ReconcileErrorCode.InvalidTimestamp });
  });
});

describe('mergeFieldOverrides', () => {
  const own = pin('fullName', 'Survivor', '2025-01-01T00:00:00.000Z');
  const olderName = pin('fullName', 'Absorbed', '2025-04-01T00:00:00.000Z');
  const olderPhones = pin('phones', ['+4670111'], '2025-02-01T00:00:00.000Z', 'a');
  const newerPhones = pin('phones', ['+4670222'], '2025-03-01T00:00:00.000Z', 'b');
  const sameTimePhones = pin('phones', ['+4670333'], '2025-03-01T00:00:00.000Z', 'a');
  const website = pin('website', 'https://a.example/');

  it.each<[string, FieldOverride[], FieldOverride[], FieldOverride[]]>([
    ['keeps the survivor pins over newer absorbed ones', [own], [olderName], [own]],
    ['takes absorbed pins for fields the survivor does not pin', [own], [website], [own, website]],
    ['takes the newest absorbed pin of a field', [], [olderPhones, newerPhones], [newerPhones]],
    ['whatever the order of the absorbed pins', [], [newerPhones, olderPhones], [newerPhones]],
    [
      'on a tie in time, the first author in order',
      [],
      [newerPhones, sameTimePhones],
      [sameTimePhones],
    ],
    ['in canonical field order', [website], [olderPhones, own], [own, olderPhones, website]],
    ['with nothing pinned', [], [], []],
  ])('%s', (_case, survivor, absorbed, expected) => {
    expect(mergeFieldOverrides(survivor, absorbed)).toEqual(expected);
  });

  it('gives a pin a lineage entry naming its author and time', () => {
    expect(overrideLineage(website)).toEqual({
      connector: 'crosswalk',
      object: 'override',
      externalId: 'ops@example.com',
      rule: 'manual-override',
      observedAt: PINNED_AT,
    });
  });
});
