import { fixturePools } from './country-pools.fixture';
import { generateSourceRecords } from './customer.generator';
import { toSyntheticObservation } from './source-record.mapper';
import { type SyntheticSourceRecord } from './synthetic.types';

function take(count: number, seed = 7): SyntheticSourceRecord[] {
  return [...generateSourceRecords(fixturePools(), { records: count, seed })];
}

describe('generateSourceRecords', () => {
  const records = take(3000);

  it('gives exactly the number of records asked for', () => {
    expect(records).toHaveLength(3000);
  });

  it('is reproducible from its seed, and another seed gives other records', () => {
    expect(take(200)).toEqual(records.slice(0, 200));
    expect(take(200, 8)).not.toEqual(records.slice(0, 200));
  });

  it('streams: the first records of a million come without generating the rest', () => {
    const stream = generateSourceRecords(fixturePools(), { records: 1_000_000, seed: 7 });
    const first = [stream.next(), stream.next()].map((step) => step.value as SyntheticSourceRecord);
    expect(first).toEqual(records.slice(0, 2));
  });

  it('uses every source, both kinds and every country', () => {
    expect(new Set(records.map((record) => `${record.source}/${record.object}`))).toEqual(
      new Set(['erp/customers', 'crm/accounts', 'crm/contacts', 'webshop/customers']),
    );
    expect(new Set(records.map((record) => record.region))).toEqual(
      new Set(['SE', 'NO', 'DK', 'FI', 'DE', 'TR', 'GB', 'US']),
    );
  });

  it('gives customers several records, and households share address and phone between customers', () => {
    const byEntity = new Map<string, SyntheticSourceRecord[]>();
    for (const record of records)
      byEntity.set(record.entityId, [...(byEntity.get(record.entityId) ?? []), record]);
    expect([...byEntity.values()].some((group) => group.length >= 3)).toBe(true);
    const byAddress = new Map<string, Set<string>>();
    for (const record of records) {
      const street = record.fields['street'];
      if (
        street === undefined ||
        record.object === 'accounts' ||
        record.fields['customerNo'] !== undefined
      )
        continue;
      const key = `${street}|${record.fields['postalCode']}`;
      byAddress.set(key, (byAddress.get(key) ?? new Set()).add(record.entityId));
    }
    expect([...byAddress.values()].some((entities) => entities.size >= 2)).toBe(true);
  });

  it('writes the same phone in several formats', () => {
    const phones = records
      .map((record) => record.fields['phone'] ?? record.fields['Phone'] ?? '')
      .filter(Boolean);
    expect(phones.some((phone) => phone.startsWith('+'))).toBe(true);
    expect(phones.some((phone) => phone.startsWith('00'))).toBe(true);
    expect(phones.some((phone) => /^\d+-\d+$/.test(phone))).toBe(true);
  });
});

describe('toSyntheticObservation', () => {
  it('maps each source shape to normalised canonical facts', () => {
    for (const record of take(400)) {
      const { observation, entityId } = toSyntheticObservation(record);
      expect(entityId).toBe(record.entityId);
      expect(observation.externalId).toBe(record.externalId);
      for (const phone of observation.facts.phones) expect(phone).toMatch(/^\+[1-9]\d{6,14}$/);
      for (const email of observation.facts.emails) expect(email).toBe(email.toLowerCase());
      if (record.object === 'accounts') expect(observation.facts.kind).toBe('organization');
      if (record.object === 'contacts') expect(observation.facts.kind).toBe('person');
    }
  });
});
