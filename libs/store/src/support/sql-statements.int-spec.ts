import { createPostgresDatabase, type TestDatabase } from '../../../../test/infra/postgres';
import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import { type StoreOptions } from '../data-source/store-options';
import { MatchKeyRepository } from '../repositories/match-key.repository';
import { StoreErrorCode } from '../store.exception';
import { PostgresCopy } from './postgres-copy';
import { SqlStatements } from './sql-statements';

type Backend = { name: string; open: () => Promise<StoreOptions>; close: () => Promise<void> };

const sqlite: Backend = {
  name: 'sqlite',
  open: () => Promise.resolve({ type: 'sqlite', path: ':memory:' }),
  close: () => Promise.resolve(),
};

let database: TestDatabase | null = null;
const postgres: Backend = {
  name: 'postgres',
  open: async () => {
    database = await createPostgresDatabase('sql_statements');
    return { type: 'postgres', url: database.url };
  },
  close: async () => {
    await database?.drop();
  },
};

/** A migrated store database of `backend`, opened. */
async function openMigrated(backend: Backend): Promise<DataSource> {
  const dataSource = createDataSource(await backend.open());
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

describe.each([sqlite, postgres])('plain SQL statements on $name', (backend) => {
  let dataSource: DataSource;
  let sql: SqlStatements;

  beforeAll(async () => {
    dataSource = await openMigrated(backend);
    sql = new SqlStatements(dataSource.manager);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await backend.close();
  });

  const customerRow = (id: string, version: number, deleted: boolean) =>
    [id, 'person', version, '{}', deleted, null, 'c', `u${version}`] as const;
  const customerColumns = [
    'id',
    'kind',
    'version',
    'record',
    'deleted',
    'merged_into',
    'created_at',
    'updated_at',
  ];

  it('inserts more rows than one statement may bind, then updates them on conflict', async () => {
    // 8 parameters a row: 10,000 rows need two statements on SQLite (32,766) and two on PostgreSQL.
    const ids = Array.from({ length: 10_000 }, (_, index) => `bulk-${index}`);
    await sql.insert(
      'customers',
      customerColumns,
      ids.map((id) => customerRow(id, 1, false)),
    );
    await sql.insert(
      'customers',
      customerColumns,
      ids.filter((_, index) => index % 2 === 0).map((id) => customerRow(id, 2, true)),
      { key: ['id'], update: ['version', 'deleted', 'updated_at'] },
    );
    const rows = await sql.selectIn<{ version: number; deleted: boolean | number }>(
      ids,
      [],
      (list) => `SELECT version, deleted FROM customers WHERE id IN (${list})`,
    );
    expect(rows).toHaveLength(10_000);
    expect(rows.filter((row) => Number(row.version) === 2 && Boolean(row.deleted))).toHaveLength(
      5_000,
    );
  });

  // Ten rows go as one INSERT; forty, on PostgreSQL, as a binary COPY.
  it.each([1, 4])(
    'stores every value as given, whatever characters it holds (x%i)',
    async (copies) => {
      const awkward = Array.from({ length: copies }, () => [
        'plain',
        '',
        'NULL',
        'say "hi"',
        'back\\slash\\',
        '{a,b}',
        '(1, 2)',
        'tab\tnew\nline',
        'Zoë 😀 ﻿',
        '{"json":"with \\"quotes\\""}',
      ]).flat();
      const ids = awkward.map((_, index) => `awkward-${copies}-${index}`);
      await sql.insert(
        'customers',
        customerColumns,
        awkward.map((text, index) => [
          ids[index]!,
          'person',
          index,
          text,
          index % 2 === 0,
          null,
          text,
          'u',
        ]),
      );
      const rows = await sql.selectIn<{
        id: string;
        version: number;
        record: string;
        deleted: boolean | number;
        merged_into: string | null;
        created_at: string;
      }>(
        ids,
        [],
        (list) =>
          `SELECT id, version, record, deleted, merged_into, created_at FROM customers WHERE id IN (${list})`,
      );
      rows.sort((a, b) => Number(a.version) - Number(b.version));
      expect(
        rows.map((row) => [row.record, row.created_at, Boolean(row.deleted), row.merged_into]),
      ).toEqual(awkward.map((text, index) => [text, text, index % 2 === 0, null]));
    },
  );

  it('gives rows the sequence of their order in the statement', async () => {
    const ids = Array.from({ length: 2_500 }, (_, index) => `ordered-${(index * 7919) % 2_500}`);
    await sql.insert(
      'outbox',
      ['event_id', 'topic', 'message_key', 'value', 'headers', 'created_at', 'published_at'],
      ids.map((id) => [id, 't', 'k', null, '{}', 'now', null]),
    );
    const rows = await sql.select<{ event_id: string }>(
      `SELECT event_id FROM outbox WHERE event_id LIKE 'ordered-%' ORDER BY sequence`,
    );
    expect(rows.map((row) => row.event_id)).toEqual(ids);
  });

  it('upserts pages inside a transaction, twice into one table, updating only where told', async () => {
    const row = (id: string, version: number) => customerRow(id, version, false);
    const upsert = {
      key: ['id'],
      update: ['version', 'updated_at'],
      when: '"customers"."version" < excluded."version"',
    };
    await sql.insert(
      'customers',
      customerColumns,
      Array.from({ length: 100 }, (_, index) => row(`page-${index}`, 5)),
    );
    await dataSource.transaction(async (manager) => {
      const inTransaction = new SqlStatements(manager);
      // Existing rows 50..99 (older versions skip, newer update) and new rows 100..149.
      const page = Array.from({ length: 100 }, (_, index) =>
        row(`page-${index + 50}`, index % 2 === 0 ? 4 : 6),
      );
      await inTransaction.insert('customers', customerColumns, page, upsert);
      await inTransaction.insert(
        'customers',
        customerColumns,
        Array.from({ length: 40 }, (_, index) => row(`page-${index + 150}`, 1)),
        upsert,
      );
    });
    const rows = await sql.select<{ id: string; version: number }>(
      `SELECT id, version FROM customers WHERE id LIKE 'page-%'`,
    );
    const versions = new Map(rows.map((stored) => [stored.id, Number(stored.version)]));
    expect(versions.size).toBe(190);
    expect(versions.get('page-10')).toBe(5);
    expect(versions.get('page-50')).toBe(5); // 4 < 5: kept
    expect(versions.get('page-51')).toBe(6);
    expect(versions.get('page-100')).toBe(4);
    expect(versions.get('page-189')).toBe(1);
  });

  it('rolls back rows copied in a failed transaction, and the next transaction copies again', async () => {
    const rows = (prefix: string) =>
      Array.from({ length: 50 }, (_, index) => customerRow(`${prefix}-${index}`, 1, false));
    const upsert = { key: ['id'], update: ['version'] };
    await expect(
      dataSource.transaction(async (manager) => {
        await new SqlStatements(manager).insert('customers', customerColumns, rows('lost'), upsert);
        throw new Error('page failed');
      }),
    ).rejects.toThrow('page failed');
    await dataSource.transaction(async (manager) => {
      await new SqlStatements(manager).insert('customers', customerColumns, rows('kept'), upsert);
    });
    const stored = await sql.select<{ id: string }>(
      `SELECT id FROM customers WHERE id LIKE 'lost-%' OR id LIKE 'kept-%'`,
    );
    expect(stored.map((row) => row.id).sort()).toEqual(
      rows('kept')
        .map((row) => row[0])
        .sort(),
    );
  });

  it('leaves an existing row alone when told to do nothing on conflict', async () => {
    await sql.insert('customers', customerColumns, [customerRow('keep', 1, false)]);
    await sql.insert('customers', customerColumns, [customerRow('keep', 9, true)], {
      key: ['id'],
      update: [],
    });
    const [row] = await sql.select<{ version: number }>(
      `SELECT version FROM customers WHERE id = ${sql.placeholder(0)}`,
      ['keep'],
    );
    expect(Number(row?.version)).toBe(1);
  });

  it('numbers the IN list after the fixed parameters', async () => {
    await sql.insert(
      'match_keys',
      ['key', 'customer_id'],
      [
        ['email:a', 'x'],
        ['email:b', 'x'],
        ['email:a', 'y'],
      ],
    );
    await sql.executeIn(
      ['email:a', 'email:c'],
      ['x'],
      (list) =>
        `DELETE FROM match_keys WHERE customer_id = ${sql.placeholder(0)} AND "key" IN (${list})`,
    );
    const rows = await sql.select<{ key: string; customer_id: string }>(
      'SELECT "key", customer_id FROM match_keys ORDER BY customer_id, "key"',
    );
    expect(rows.map((row) => `${row.customer_id}:${row.key}`)).toEqual(['x:email:b', 'y:email:a']);
    expect(await sql.selectIn([], [], () => 'SELECT never')).toEqual([]);
  });

  it.each([
    {
      case: 'keys added and removed',
      before: { c: ['k1', 'k2'] },
      replace: { c: ['k2', 'k3'] },
      after: ['c:k2', 'c:k3'],
    },
    { case: 'unchanged keys', before: { c: ['k1'] }, replace: { c: ['k1'] }, after: ['c:k1'] },
    {
      case: 'an emptied set',
      before: { c: ['k1'], d: ['k1'] },
      replace: { c: [] },
      after: ['d:k1'],
    },
    { case: 'a new customer', before: {}, replace: { e: ['k1', 'k1'] }, after: ['e:k1'] },
  ])('replaces match keys with only the difference: $case', async ({ before, replace, after }) => {
    await sql.execute('DELETE FROM match_keys');
    const keys = new MatchKeyRepository(dataSource.manager);
    await keys.replace(new Map(Object.entries(before)));
    await keys.replace(new Map(Object.entries(replace)));
    const rows = await sql.select<{ key: string; customer_id: string }>(
      'SELECT "key", customer_id FROM match_keys',
    );
    expect(rows.map((row) => `${row.customer_id}:${row.key}`).sort()).toEqual(after);
  });

  it('reads the rows of a list of values once each, awkward and missing values included', async () => {
    await sql.execute('DELETE FROM match_keys');
    const held = ['email:a', "name:o'brien", 'id:{1,2}', 'back\\slash', 'zoë'];
    await sql.insert(
      'match_keys',
      ['key', 'customer_id'],
      held.flatMap((key, index) => [
        [key, `c${index}`],
        [key, `d${index}`],
      ]),
    );
    const rows = await sql.selectByValues<{ key: string; customer_id: string }>(
      'match_keys',
      'key',
      ['key', 'customer_id'],
      [...held, ...held, 'missing', ''],
    );
    expect(rows.map((row) => `${row.key}=${row.customer_id}`).sort()).toEqual(
      held.flatMap((key, index) => [`${key}=c${index}`, `${key}=d${index}`]).sort(),
    );
    expect(await sql.selectByValues('match_keys', 'key', ['key'], [])).toEqual([]);
  });

  it('deletes exactly the listed rows, more than one statement may bind on SQLite', async () => {
    await sql.execute('DELETE FROM match_keys');
    // 20,000 pairs bind 40,000 values: two statements on SQLite, one pair of arrays on PostgreSQL.
    const pairs = Array.from({ length: 20_000 }, (_, index) => [`k${index}`, `c${index % 7}`]);
    const kept = [
      ['k1', 'other'],
      ['elsewhere', 'c1'],
      ["name:o'brien", 'zoë'],
    ];
    await sql.insert('match_keys', ['key', 'customer_id'], [...pairs, ...kept]);
    await sql.deleteRows('match_keys', ['key', 'customer_id'], [...pairs, ['missing', 'c0']]);
    await sql.deleteRows('match_keys', ['key', 'customer_id'], []);
    const rows = await sql.select<{ key: string; customer_id: string }>(
      'SELECT "key", customer_id FROM match_keys ORDER BY "key", customer_id',
    );
    expect(rows.map((row) => [row.key, row.customer_id])).toEqual(
      [...kept].sort(([a = ''], [b = '']) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
});

describe('index probes for a long list of values on postgres', () => {
  let dataSource: DataSource;
  let sql: SqlStatements;

  beforeAll(async () => {
    dataSource = await openMigrated(postgres);
    sql = new SqlStatements(dataSource.manager);
    // 300,000 keys, a store of some fifty thousand customers: large enough that PostgreSQL
    // plans a long IN list over match_keys as a sequential scan.
    await sql.execute(
      `INSERT INTO match_keys ("key", customer_id)
         SELECT 'organization:id:vat:SE' || lpad(n::text, 10, '0') || '01', 'customer-' || n
         FROM generate_series(1, 300000) AS n`,
    );
    await sql.execute('ANALYZE match_keys');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await postgres.close();
  });

  // A page's worth of keys (1,000 records, ~6 keys each), half of them held.
  const pageKeys = Array.from({ length: 6_000 }, (_, index) =>
    index % 2 === 0
      ? `organization:id:vat:SE${String(index * 40 + 1).padStart(10, '0')}01`
      : `organization:id:vat:XX${index}`,
  );

  it('probes the index once per value, where the IN list scans the whole table', async () => {
    const placeholders = pageKeys.map((_, index) => sql.placeholder(index)).join(', ');
    const inList = await sql.select<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT "key", customer_id FROM match_keys WHERE "key" IN (${placeholders})`,
      pageKeys,
    );
    // The shape this replaced: if PostgreSQL planned it with the index, this spec no longer
    // shows why selectByValues exists.
    expect(inList.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Seq Scan on match_keys/);

    const plan = await planOfSelectByValues(dataSource.manager);
    expect(plan).toMatch(/Index Only Scan using "PK_[0-9a-f]+" on match_keys/);
    expect(plan).not.toMatch(/Seq Scan on match_keys/);

    const rows = await sql.selectByValues<{ key: string; customer_id: string }>(
      'match_keys',
      'key',
      ['key', 'customer_id'],
      pageKeys,
    );
    expect(rows).toHaveLength(3_000);
  });

  /** EXPLAIN of the statement selectByValues sends, captured on its way to the database. */
  async function planOfSelectByValues(manager: DataSource['manager']): Promise<string> {
    const sent: { sql: string; parameters: unknown[] }[] = [];
    const capturing = new SqlStatements({
      connection: manager.connection,
      query: (text: string, parameters: unknown[]) => {
        sent.push({ sql: text, parameters });
        return Promise.resolve([]);
      },
    } as unknown as DataSource['manager']);
    await capturing.selectByValues('match_keys', 'key', ['key', 'customer_id'], pageKeys);
    const [statement] = sent;
    if (statement === undefined) throw new Error('selectByValues sent no statement');
    const plan = await manager.query<{ 'QUERY PLAN': string }[]>(
      `EXPLAIN ${statement.sql}`,
      statement.parameters,
    );
    return plan.map((row) => row['QUERY PLAN']).join('\n');
  }
});

describe('binary COPY of a page of rows on postgres', () => {
  let dataSource: DataSource;
  let sql: SqlStatements;
  const columns = [
    'event_id',
    'topic',
    'message_key',
    'value',
    'headers',
    'snapshot_data_start',
    'created_at',
  ];
  const rows = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, index) => [
      `${prefix}-${index}`,
      't',
      'k',
      null,
      '{}',
      index,
      'now',
    ]);

  beforeAll(async () => {
    dataSource = await openMigrated(postgres);
    sql = new SqlStatements(dataSource.manager);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await postgres.close();
  });

  it('takes a page by COPY and a handful of rows by INSERT', async () => {
    const copy = jest.spyOn(PostgresCopy.prototype, 'insert');
    await sql.insert('outbox', columns, rows(40, 'copied'));
    await sql.insert('outbox', columns, rows(3, 'inserted'));
    // Outside a transaction an upsert cannot stage its rows: it goes as an INSERT.
    await sql.insert('outbox', columns, rows(40, 'copied'), { key: ['event_id'], update: [] });
    expect(copy.mock.calls.map(([, , , written]) => written.length)).toEqual([40]);
    copy.mockRestore();
    const stored = await sql.select<{ count: string }>(
      `SELECT COUNT(*) AS count FROM outbox WHERE event_id LIKE 'copied-%' OR event_id LIKE 'inserted-%'`,
    );
    expect(Number(stored[0]?.count)).toBe(43);
    const copied = await sql.select<{ snapshot_data_start: number }>(
      `SELECT snapshot_data_start FROM outbox WHERE event_id = 'copied-39'`,
    );
    expect(copied[0]?.snapshot_data_start).toBe(39);
  });

  it('names the table, column and row of a value its column type cannot hold', async () => {
    const bad = rows(40, 'bad');
    bad[7]![5] = 'seven';
    const refused = sql.insert('outbox', columns, bad);
    await expect(refused).rejects.toThrow(
      'outbox.snapshot_data_start (row 8 of 40): expected an integer that fits int4, got "seven"',
    );
    await expect(refused).rejects.toMatchObject({ code: StoreErrorCode.InvalidColumnValue });
    const tooLarge = rows(40, 'large');
    tooLarge[0]![5] = 2 ** 31;
    await expect(sql.insert('outbox', columns, tooLarge)).rejects.toThrow(
      'outbox.snapshot_data_start (row 1 of 40)',
    );
  });

  it('reports what PostgreSQL refuses, with the column and line of the COPY', async () => {
    const long = rows(40, 'long');
    long[12]![0] = 'x'.repeat(65);
    const refused = sql.insert('outbox', columns, long);
    await expect(refused).rejects.toThrow('value too long for type character varying(64)');
    await expect(refused).rejects.toMatchObject({ where: expect.stringMatching(/line 13/) });
    const stored = await sql.select<{ count: string }>(
      `SELECT COUNT(*) AS count FROM outbox WHERE event_id LIKE 'long-%'`,
    );
    expect(Number(stored[0]?.count)).toBe(0);
  });
});
