import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'iconv-lite';
import { createConnection } from 'mysql2/promise';
import { createMariaDbDatabase } from '../infra/mariadb';
import { type TestDatabase } from '../infra/postgres';
import { readWholeTopic } from './support/kafka-topic';
import { runCli } from './support/crosswalk-cli';
import { createWorkspace, type Workspace } from './support/workspace';

/**
 * The whole path of a record on real infrastructure: ERP files (CSV, windows-1252 fixed-width)
 * and an ERP table on MariaDB, into PostgreSQL, out on Kafka.
 */
const CSV_MAPPING = `objects:
  customers:
    kind: organization
    externalId: CUSTNO
    fields:
      legalName: { from: NAME, transforms: [trim] }
      emails: { from: EMAIL }
      phones: { from: PHONE }
      addresses[0].country: { from: COUNTRY }
      identifiers.vat: { from: VAT_NO }
`;

const LEDGER_MAPPING = `objects:
  customers:
    kind: organization
    externalId: NR
    fields:
      legalName: { from: NAMN, transforms: [trim] }
      addresses[0].city: { from: ORT, transforms: [trim] }
      addresses[0].country: { from: LAND, transforms: [trim] }
      identifiers.vat: { from: ORGNR, transforms: [trim] }
`;

const SQL_MAPPING = `objects:
  customers:
    kind: person
    externalId: id
    modifiedAt: updated_at
    fields:
      givenName: { from: first_name }
      familyName: { from: last_name }
      fullName: { from: [first_name, last_name], transforms: [join] }
      emails: { from: email }
      organization.name: { from: company }
`;

const CSV = [
  'CUSTNO;NAME;EMAIL;PHONE;COUNTRY;VAT_NO',
  'C1;Åström Bygg AB;order@astrom.example;08-123 456 78;Sverige;SE556000000101',
  'C2;Nordvind Oy;info@nordvind.example;+358 40 1234567;FI;FI12345678',
  'C3;"Broken ""quote;x@example.com;;SE;',
  'C4;Ödegaard AS;post@odegaard.example;not a phone;NO;NO999888777',
  'C5;Only Three;Columns',
  ';No Id AB;noid@example.com;;SE;',
  'C6;Çelik Tekstil A.Ş.;satis@celik.example;0212 555 12 34;Turkey;TR1234567890',
].join('\n');

function ledgerLine(nr: string, name: string, city: string, country: string, vat: string): string {
  return nr.padEnd(6) + name.padEnd(30) + city.padEnd(20) + country.padEnd(4) + vat.padEnd(16);
}

describe('the pipeline end to end: ERP files and an ERP table into PostgreSQL and Kafka', () => {
  let workspace: Workspace;
  let erpDatabase: TestDatabase;

  const sync = () => runCli(['sync', '--config', workspace.configDir], workspace.env);
  const topic = (name: string) => `${workspace.topicPrefix}crosswalk.${name}`;

  beforeAll(async () => {
    erpDatabase = await createMariaDbDatabase('erp');
    const erp = await createConnection(erpDatabase.url);
    await erp.query(
      'CREATE TABLE contacts (id INT PRIMARY KEY, first_name VARCHAR(50), last_name VARCHAR(50), email VARCHAR(100), company VARCHAR(100), updated_at DATETIME(3) NOT NULL, deleted TINYINT NOT NULL DEFAULT 0)',
    );
    await erp.query(
      `INSERT INTO contacts VALUES
        (1, 'Anna', 'Åström', 'anna@astrom.example', 'Åström Bygg AB', '2026-01-01 10:00:00.000', 0),
        (2, 'Mehmet', 'Çelik', 'mehmet@celik.example', 'Çelik Tekstil A.Ş.', '2026-01-01 10:00:00.000', 0),
        (3, 'Ola', 'Nordmann', 'ola@odegaard.example', 'Ödegaard AS', '2026-01-01 10:00:00.000', 0)`,
    );
    await erp.end();

    workspace = await createWorkspace('pipeline', [
      {
        name: 'erp-csv',
        type: 'erp-file',
        mappingYaml: CSV_MAPPING,
        options: [
          'dropFolder: ../drop/csv',
          'object: customers',
          'idColumns: [CUSTNO]',
          'csv:',
          "  delimiter: ';'",
        ].join('\n'),
      },
      {
        name: 'erp-ledger',
        type: 'erp-file',
        mappingYaml: LEDGER_MAPPING,
        options: [
          'dropFolder: ../drop/ledger',
          "filePattern: '*.dat'",
          'format: fixed-width',
          'encoding: windows-1252',
          'object: customers',
          'idColumns: [NR]',
          'fixedWidth:',
          '  columns:',
          '    - { name: NR, start: 1, length: 6 }',
          '    - { name: NAMN, start: 7, length: 30 }',
          '    - { name: ORT, start: 37, length: 20 }',
          '    - { name: LAND, start: 57, length: 4 }',
          '    - { name: ORGNR, start: 61, length: 16 }',
        ].join('\n'),
      },
      {
        name: 'erp-sql',
        type: 'erp-sql',
        pageSize: 2,
        mappingYaml: SQL_MAPPING,
        options: [
          'dialect: mysql',
          'url: ${env:ERP_DATABASE_URL}',
          'table: contacts',
          'object: customers',
          'idColumn: id',
          'watermarkColumn: updated_at',
          'softDeleteColumn: deleted',
        ].join('\n'),
      },
    ]);
    workspace.env['ERP_DATABASE_URL'] = erpDatabase.url;
    const drop = workspace.dropFolder;
    mkdirSync(join(drop, 'csv'), { recursive: true });
    mkdirSync(join(drop, 'ledger'), { recursive: true });
    writeFileSync(join(drop, 'csv', 'customers-1.csv'), CSV);
    writeFileSync(
      join(drop, 'ledger', 'KUNDER.DAT'),
      encode(
        [
          ledgerLine('L1', 'Åström Bygg', 'Göteborg', 'SE', 'SE556000000101'),
          ledgerLine('L2', 'Müller & Söhne €', 'Köln', 'DE', 'DE123456789'),
        ].join('\r\n'),
        'windows-1252',
      ),
    );
  });

  afterAll(async () => {
    await workspace?.cleanup();
    await erpDatabase?.drop();
  });

  it('syncs every source, quarantines the bad rows and publishes CloudEvents keyed by customer', async () => {
    const result = await sync();
    expect(result.stderr).not.toContain('crosswalk:');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/erp-csv: read 7, .*quarantined 4/);
    expect(result.stdout).toMatch(/erp-ledger: read 2, /);
    expect(result.stdout).toMatch(/erp-sql: read 3, /);

    const changes = await readWholeTopic(topic('customer.changes.v1'));
    const events = changes.map((message) => ({
      key: message.key,
      partition: message.partition,
      event: JSON.parse(message.value ?? 'null') as {
        id: string;
        type: string;
        specversion: string;
        subject: string;
        partitionkey: string;
        data: { id: string; version: number; legalName?: string; sources: { connector: string }[] };
      },
      headers: message.headers,
    }));
    for (const { key, event, headers } of events) {
      expect(event.specversion).toBe('1.0');
      expect(event.partitionkey).toBe(key);
      expect(event.subject).toBe(key);
      expect(event.data.id).toBe(key);
      expect(headers['ce_id']).toBe(event.id);
    }
    // Per key, versions arrive in order and without gaps.
    const versions = new Map<string, number[]>();
    for (const { key, event } of events)
      versions.set(key ?? '', [...(versions.get(key ?? '') ?? []), event.data.version]);
    for (const list of versions.values()) expect(list).toEqual(list.map((_, index) => index + 1));

    // Åström Bygg: the CSV export and the ledger share its VAT id -> one customer, two sources.
    const astrom = events.filter(({ event }) => event.data.legalName?.startsWith('Åström'));
    const last = astrom[astrom.length - 1]?.event.data;
    expect(new Set(last?.sources.map((source) => source.connector))).toEqual(
      new Set(['erp-csv', 'erp-ledger']),
    );
    expect(events.some(({ event }) => event.data.legalName === 'Müller & Söhne €')).toBe(true);

    const quarantine = await readWholeTopic(topic('quarantine.v1'));
    const reasons = quarantine.map(
      (message) => JSON.parse(message.value ?? '{}') as { data: { code: string; reason: string } },
    );
    expect(reasons.map((entry) => entry.data.code).sort()).toEqual(
      ['INVALID_PHONE', 'RECORD_COLUMN_COUNT', 'RECORD_MISSING_ID', 'RECORD_UNPARSEABLE'].sort(),
    );
    expect(reasons.find((entry) => entry.data.code === 'INVALID_PHONE')?.data.reason).toContain(
      'C4',
    );
  });

  it('publishes nothing on a run that finds nothing new', async () => {
    const before = (await readWholeTopic(topic('customer.changes.v1'))).length;
    const result = await sync();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('relayed 0 event(s)');
    expect((await readWholeTopic(topic('customer.changes.v1'))).length).toBe(before);
  });

  it('publishes an update and a delete from the ERP table, in order per key', async () => {
    const erp = await createConnection(erpDatabase.url);
    await erp.query(
      "UPDATE contacts SET email = 'anna.astrom@astrom.example', updated_at = '2026-02-01 09:00:00.000' WHERE id = 1",
    );
    await erp.query(
      "UPDATE contacts SET deleted = 1, updated_at = '2026-02-01 09:00:00.000' WHERE id = 2",
    );
    await erp.end();

    const result = await sync();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /erp-sql: read 2, unchanged 0, created 0, updated 1, merged 0, deleted 1/,
    );
    const changes = (await readWholeTopic(topic('customer.changes.v1'))).map(
      (message) =>
        JSON.parse(message.value ?? '{}') as { type: string; data: { emails: string[] } },
    );
    const types = changes.map((event) => event.type);
    expect(types.filter((type) => type === 'crosswalk.customer.deleted.v1')).toHaveLength(1);
    expect(changes.some((event) => event.data.emails?.includes('anna.astrom@astrom.example'))).toBe(
      true,
    );

    const snapshot = await readWholeTopic(topic('customer.snapshot.v1'));
    expect(snapshot.some((message) => message.value === null)).toBe(true);
  });
});
