import { Logger } from '@nestjs/common';
import iconv from 'iconv-lite';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { type Checkpoint, type SourcePage } from '../port/connector.port';
import { RecordRejectCode } from '../port/connector-error';
import { ErpFileConnector } from './erp-file.connector';
import { ErpFileConnectorOptions } from './erp-file.options';

const HEADER = 'customer_no,name,email';

function options(plain: Record<string, unknown>): ErpFileConnectorOptions {
  const instance = plainToInstance(ErpFileConnectorOptions, {
    dropFolder: 'drop',
    object: 'customers',
    idColumns: ['customer_no'],
    ...plain,
  });
  const errors = validateSync(instance);
  if (errors.length > 0) throw new Error(JSON.stringify(errors));
  return instance;
}

describe('ErpFileConnector', () => {
  let base: string;
  let drop: string;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'erp-file-'));
    drop = join(base, 'drop');
    rmSync(drop, { recursive: true, force: true });
    mkdirSync(drop);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const connector = (plain: Record<string, unknown> = {}): ErpFileConnector =>
    new ErpFileConnector({
      name: 'erp',
      options: options(plain),
      baseDir: base,
      logger: new Logger('test'),
    });

  const drain = async (
    source: ErpFileConnector,
    checkpoint: Checkpoint | null = null,
    pageSize = 100,
  ): Promise<SourcePage[]> => {
    const pages: SourcePage[] = [];
    for await (const page of source.read({ checkpoint, pageSize })) pages.push(page);
    return pages;
  };
  const recordsOf = (pages: SourcePage[]) => pages.flatMap((page) => page.records);
  const rejectedOf = (pages: SourcePage[]) => pages.flatMap((page) => page.rejected);
  const last = (pages: SourcePage[]): Checkpoint => {
    const page = pages[pages.length - 1];
    if (!page) throw new Error('no page');
    return page.checkpoint;
  };
  const drop1 = (name: string, content: string | Buffer): void =>
    writeFileSync(join(drop, name), content);

  it('reads a CSV export with a header into records keyed by the id column', async () => {
    drop1('a.csv', `${HEADER}\n1,"Smith, Ann",ann@example.com\r\n2,Bob,"bob@example.com"\n`);
    const pages = await drain(connector());
    expect(recordsOf(pages)).toEqual([
      {
        object: 'customers',
        externalId: '1',
        payload: { customer_no: '1', name: 'Smith, Ann', email: 'ann@example.com' },
        deleted: false,
        location: { file: 'a.csv', line: 2 },
      },
      expect.objectContaining({ externalId: '2', location: { file: 'a.csv', line: 3 } }),
    ]);
    expect(last(pages)).toEqual({
      files: [
        {
          name: 'a.csv',
          checksum: expect.any(String),
          outcome: 'processed',
          records: 2,
          rejected: 0,
        },
      ],
      current: null,
    });
  });

  it('keeps a quoted field that spans lines', async () => {
    drop1('a.csv', `${HEADER}\n1,"Ann\nSmith",a@x.org\n2,Bob,b@x.org\n`);
    const records = recordsOf(await drain(connector()));
    expect(records.map((r) => r.payload['name'])).toEqual(['Ann\nSmith', 'Bob']);
  });

  it.each([
    {
      bad: 'unbalanced quotes',
      row: '2,"Bob,bob@x.org',
      code: RecordRejectCode.Unparseable,
    },
    {
      bad: 'a wrong column count',
      row: '2,Bob,bob@x.org,extra',
      code: RecordRejectCode.ColumnCount,
    },
    { bad: 'a missing id', row: ' ,Bob,bob@x.org', code: RecordRejectCode.MissingId },
  ])('rejects a row with $bad and takes the rest of the file', async ({ row, code }) => {
    drop1('a.csv', `${HEADER}\n1,Ann,a@x.org\n${row}\n3,Cid,c@x.org\n4,"Dee",d@x.org\n`);
    const pages = await drain(connector({ csv: { maxRecordLines: 5 } }));
    expect(recordsOf(pages).map((r) => r.externalId)).toEqual(['1', '3', '4']);
    expect(rejectedOf(pages)).toEqual([
      {
        object: 'customers',
        code,
        reason: expect.any(String),
        raw: row,
        location: { file: 'a.csv', line: 3 },
      },
    ]);
    const source = connector();
    await source.acknowledge(last(pages));
    expect(existsSync(join(drop, 'processed', 'a.csv'))).toBe(true);
  });

  it('rejects an unbalanced quote even when the rest of the file outnumbers maxRecordLines', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i + 10},Name ${i},n${i}@x.org`);
    drop1('a.csv', [HEADER, '1,"Ann,a@x.org', ...rows].join('\n'));
    const pages = await drain(connector({ csv: { maxRecordLines: 3 } }), null, 7);
    expect(recordsOf(pages)).toHaveLength(50);
    expect(rejectedOf(pages).map((r) => [r.code, r.location?.line])).toEqual([
      [RecordRejectCode.Unparseable, 2],
    ]);
  });

  it('quarantines a row with bytes that are not utf-8', async () => {
    const bad = Buffer.concat([
      Buffer.from('2,Bo'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(',b@x.org'),
    ]);
    drop1(
      'a.csv',
      Buffer.concat([
        Buffer.from(`${HEADER}\n1,Åström,a@x.org\n`),
        bad,
        Buffer.from('\n3,Cid,c@x.org\n'),
      ]),
    );
    const pages = await drain(connector());
    expect(recordsOf(pages).map((r) => r.payload['name'])).toEqual(['Åström', 'Cid']);
    expect(rejectedOf(pages)).toEqual([
      expect.objectContaining({
        code: RecordRejectCode.Encoding,
        location: { file: 'a.csv', line: 3 },
      }),
    ]);
  });

  it('quarantines a windows-1252 row holding a byte the code page leaves undefined', async () => {
    const content = Buffer.concat([
      iconv.encode(`${HEADER}\n1,Åström €,a@x.org\n2,B`, 'windows-1252'),
      Buffer.from([0x81]),
      iconv.encode('b,b@x.org\n', 'windows-1252'),
    ]);
    drop1('a.csv', content);
    const pages = await drain(connector({ encoding: 'windows-1252' }));
    expect(recordsOf(pages).map((r) => r.payload['name'])).toEqual(['Åström €']);
    expect(rejectedOf(pages).map((r) => [r.code, r.location?.line])).toEqual([
      [RecordRejectCode.Encoding, 3],
    ]);
  });

  it.each([
    { encoding: 'windows-1252', name: 'Åström € Çelik Œuvre' },
    { encoding: 'iso-8859-1', name: 'Åström Ørsted Müller' },
  ])('decodes $encoding', async ({ encoding, name }) => {
    drop1('a.csv', iconv.encode(`${HEADER}\n1,${name},a@x.org\n`, encoding));
    const records = recordsOf(await drain(connector({ encoding })));
    expect(records.map((r) => r.payload['name'])).toEqual([name]);
  });

  it('sends an empty file to failed/ with FILE_EMPTY', async () => {
    drop1('a.csv', '');
    const pages = await drain(connector());
    expect(rejectedOf(pages)).toEqual([
      expect.objectContaining({ code: RecordRejectCode.EmptyFile, location: { file: 'a.csv' } }),
    ]);
    await connector().acknowledge(last(pages));
    expect(existsSync(join(drop, 'failed', 'a.csv'))).toBe(true);
    expect(readFileSync(join(drop, 'failed', 'a.csv.reason.txt'), 'utf8')).toContain('FILE_EMPTY');
  });

  it('refuses the same file dropped twice and sends the copy to failed/', async () => {
    const content = `${HEADER}\n1,Ann,a@x.org\n`;
    drop1('a.csv', content);
    const first = await drain(connector());
    await connector().acknowledge(last(first));
    drop1('b.csv', content);
    const second = await drain(connector(), last(first));
    expect(recordsOf(second)).toEqual([]);
    expect(rejectedOf(second)).toEqual([
      expect.objectContaining({
        code: RecordRejectCode.DuplicateFile,
        location: { file: 'b.csv' },
      }),
    ]);
    await connector().acknowledge(last(second));
    expect(existsSync(join(drop, 'processed', 'a.csv'))).toBe(true);
    expect(existsSync(join(drop, 'failed', 'b.csv'))).toBe(true);
    expect(readFileSync(join(drop, 'failed', 'b.csv.reason.txt'), 'utf8')).toContain('a.csv');
  });

  it('refuses the same file dropped again under the same name after it was processed', async () => {
    const content = `${HEADER}\n1,Ann,a@x.org\n`;
    drop1('a.csv', content);
    const first = await drain(connector());
    await connector().acknowledge(last(first));
    drop1('a.csv', content);
    const second = await drain(connector(), last(first));
    expect(rejectedOf(second).map((r) => r.code)).toEqual([RecordRejectCode.DuplicateFile]);
  });

  it('takes a daily export under one name each day and moves each beside the last', async () => {
    drop1('customers.csv', `${HEADER}\n1,Ann,a@x.org\n`);
    const monday = await drain(connector());
    await connector().acknowledge(last(monday));
    drop1('customers.csv', `${HEADER}\n1,Ann,ann@x.org\n2,Bo,b@x.org\n`);
    const tuesday = await drain(connector(), last(monday));
    expect(recordsOf(tuesday).map((record) => record.externalId)).toEqual(['1', '2']);
    await connector().acknowledge(last(tuesday));
    expect(existsSync(join(drop, 'customers.csv'))).toBe(false);
    expect(readFileSync(join(drop, 'processed', 'customers.2.csv'), 'utf8')).toContain('Bo');

    // Read again from the last checkpoint: nothing waits, nothing is refused.
    const wednesday = await drain(connector(), last(tuesday));
    expect(rejectedOf(wednesday)).toEqual([]);
    expect(existsSync(join(drop, 'failed'))).toBe(false);
  });

  it('moves a finished file on the next read when the process died between commit and move', async () => {
    drop1('a.csv', `${HEADER}\n1,Ann,a@x.org\n`);
    const first = await drain(connector());
    const second = await drain(connector(), last(first));
    expect(second).toEqual([]);
    expect(existsSync(join(drop, 'processed', 'a.csv'))).toBe(true);
  });

  it('acknowledge moves only finished files and is idempotent', async () => {
    drop1('a.csv', [HEADER, '1,A,a@x.org', '2,B,b@x.org', '3,C,c@x.org'].join('\n'));
    const pages = await drain(connector(), null, 2);
    expect(pages).toHaveLength(2);
    const source = connector();
    await source.acknowledge((pages[0] as SourcePage).checkpoint);
    expect(existsSync(join(drop, 'a.csv'))).toBe(true);
    await source.acknowledge(last(pages));
    await source.acknowledge(last(pages));
    expect(existsSync(join(drop, 'a.csv'))).toBe(false);
    expect(existsSync(join(drop, 'processed', 'a.csv'))).toBe(true);
  });

  it('resumes mid-file from a checkpoint without re-emitting rows', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `${i + 1},Name ${i + 1},n${i}@x.org`);
    drop1('a.csv', [HEADER, ...rows].join('\n') + '\n');
    drop1('b.csv', `${HEADER}\n100,Zed,z@x.org\n`);
    const all = await drain(connector(), null, 10);
    const firstPage = (all[0] as SourcePage).checkpoint;
    expect(firstPage['current']).toEqual(
      expect.objectContaining({ name: 'a.csv', line: 11, records: 10 }),
    );

    const resumed = await drain(connector(), firstPage, 10);
    expect(recordsOf(resumed).map((r) => r.externalId)).toEqual([
      ...rows.slice(10).map((_, i) => String(i + 11)),
      '100',
    ]);
    // pages never cross a file boundary: b.csv comes on a page of its own
    expect(resumed.map((page) => page.records.length)).toEqual([10, 5, 1]);
    expect(last(resumed)).toEqual(last(all));
  });

  it('reads fixed-width windows-1252 lines with 1-based positions', async () => {
    const lines = [
      '00001Åström    SE',
      '00002Çelik     TR',
      '00003Ek',
      '',
      '     Nobody    NO',
      '00004Too long  SEX',
    ];
    drop1('a.dat', iconv.encode(lines.join('\r\n'), 'windows-1252'));
    const source = connector({
      filePattern: '*.dat',
      format: 'fixed-width',
      encoding: 'windows-1252',
      fixedWidth: {
        columns: [
          { name: 'customer_no', start: 1, length: 5 },
          { name: 'name', start: 6, length: 10 },
          { name: 'country', start: 16, length: 2 },
        ],
      },
    });
    const pages = await drain(source);
    expect(recordsOf(pages).map((r) => r.payload)).toEqual([
      { customer_no: '00001', name: 'Åström', country: 'SE' },
      { customer_no: '00002', name: 'Çelik', country: 'TR' },
      { customer_no: '00003', name: 'Ek', country: '' },
    ]);
    expect(rejectedOf(pages).map((r) => [r.code, r.location?.line])).toEqual([
      [RecordRejectCode.MissingId, 5],
      [RecordRejectCode.ColumnCount, 6],
    ]);
  });

  it('holds fixed-width lines to recordLength when it is set', async () => {
    drop1('a.dat', '00001Ann  \n00002Bob\n');
    const source = connector({
      filePattern: '*.dat',
      format: 'fixed-width',
      fixedWidth: {
        recordLength: 10,
        columns: [
          { name: 'customer_no', start: 1, length: 5 },
          { name: 'name', start: 6, length: 5 },
        ],
      },
    });
    const pages = await drain(source);
    expect(recordsOf(pages).map((r) => r.payload)).toEqual([{ customer_no: '00001', name: 'Ann' }]);
    expect(rejectedOf(pages).map((r) => [r.code, r.location?.line])).toEqual([
      [RecordRejectCode.ColumnCount, 2],
    ]);
  });

  it('takes column names from config when the file has no header', async () => {
    drop1('a.txt', '1;Ann\n2;Bob\n');
    const source = connector({
      filePattern: '*.txt',
      csv: { header: false, delimiter: ';', columns: ['customer_no', 'name'] },
    });
    expect(await source.discover()).toEqual([
      {
        name: 'customers',
        fields: [
          { name: 'customer_no', type: 'string' },
          { name: 'name', type: 'string' },
        ],
      },
    ]);
    expect(recordsOf(await drain(source)).map((r) => r.payload)).toEqual([
      { customer_no: '1', name: 'Ann' },
      { customer_no: '2', name: 'Bob' },
    ]);
  });

  it('sends a file whose header lacks the id column to failed/', async () => {
    drop1('a.csv', 'number,name\n1,Ann\n');
    const pages = await drain(connector());
    expect(rejectedOf(pages).map((r) => r.code)).toEqual(['FILE_HEADER']);
  });

  it('streams a 50k-row file', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `${i},Customer ${i},c${i}@example.com`);
    drop1('big.csv', [HEADER, ...rows].join('\n'));
    let count = 0;
    for await (const page of connector().read({ checkpoint: null, pageSize: 1000 })) {
      count += page.records.length;
    }
    expect(count).toBe(50_000);
  });

  it.each([
    [{ format: 'fixed-width' }, 'fixedWidth'],
    [{ encoding: 'utf-16' }, 'encoding'],
    [{ csv: { header: false } }, 'csv'],
    [{ idColumns: ['nope'], csv: { columns: ['a'] } }, 'idColumns'],
  ])('refuses invalid options %j', (plain, property) => {
    const instance = plainToInstance(ErpFileConnectorOptions, {
      dropFolder: 'drop',
      object: 'customers',
      idColumns: ['a'],
      ...plain,
    });
    expect(validateSync(instance).map((error) => error.property)).toContain(property);
  });
});
