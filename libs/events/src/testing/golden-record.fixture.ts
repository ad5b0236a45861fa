import { type GoldenRecord } from '@crosswalk/model';

/** A valid golden record (it passes the customer JSON Schema) for envelope and sink tests. */
export function goldenRecordFixture(
  id: string,
  version: number,
  overrides: Partial<GoldenRecord> = {},
): GoldenRecord {
  return {
    id,
    version,
    kind: 'person',
    fullName: 'Ada Lovelace',
    givenName: 'Ada',
    familyName: 'Lovelace',
    emails: ['ada@example.org'],
    phones: ['+441632960001'],
    addresses: [],
    identifiers: [{ scheme: 'erp-customer-number', value: 'C-1' }],
    sources: [
      {
        connector: 'erp-csv',
        object: 'customers',
        externalId: 'C-1',
        lastSeenAt: '2024-05-01T10:00:00.000Z',
        deleted: false,
      },
    ],
    lineage: {},
    quality: { completeness: 0.8, stale: false, conflicts: [] },
    deleted: false,
    createdAt: '2024-05-01T10:00:00.000Z',
    updatedAt: '2024-05-01T10:00:00.000Z',
    ...overrides,
  };
}
