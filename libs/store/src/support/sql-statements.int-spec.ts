import { createPostgresDatabase, type TestDatabase } from '../../../../test/infra/postgres';
import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import { type StoreOptions } from '../data-source/store-options';
import { MatchKeyRepository } from '../repositories/match-key.repository';
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

describe.each([sqlite, postgres])('plain SQL statements on $name', (backend) => {
  let dataSource: DataSource;
  let sql: SqlStatements;

  beforeAll(async () => {
    dataSource = createDataSource(await backend.open());
    await dataSource.initialize();
    await dataSource.runMigrations();
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

  it('stores every value as given, whatever characters it holds', async () => {
    const awkward = [
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
    ];
    const ids = awkward.map((_, index) => `awkward-${index}`);
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
  });

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
});
