import { Logger } from '@nestjs/common';
import { type Checkpoint, type RawSourceRecord, type SourcePage } from '../../port/connector.port';
import { ConnectorError, ConnectorErrorCode } from '../../port/connector-error';
import { ErpSqlConnector, openSqlSession } from '../erp-sql.connector';
import { ErpSqlConnectorOptions, type SqlDialect } from '../erp-sql.options';

export interface ErpSqlTestDatabase {
  /** What the connector's `url` option takes: a connection URL, or the SQLite file. */
  url: string;
  drop(): Promise<void>;
}

export type ExecParam = string | number | bigint | Buffer | null;

/** A failure the connector must classify: its options and the code it must come out as. */
export type FailureCase = [
  label: string,
  options: (database: ErpSqlTestDatabase) => Partial<ErpSqlConnectorOptions>,
  code: ConnectorErrorCode,
];

/** What the shared cases need from one dialect. */
export interface ErpSqlTestDialect {
  dialect: SqlDialect;
  /** A fresh, empty database. */
  create: () => Promise<ErpSqlTestDatabase>;
  /** Runs one statement on an ordinary (writable) session; `?` placeholders. */
  exec: (url: string, sql: string, params?: ExecParam[]) => Promise<void>;
  /** `customers (id, name, email, updated_at, deleted_at, photo)` in the dialect's types. */
  ddl: string;
  /** Failures particular to the dialect (missing table and unknown column are shared). */
  failures: FailureCase[];
}

const T1 = '2024-03-01 10:00:00.123456';
const T2 = '2024-03-01 11:00:00';
const T3 = '2024-03-02 09:30:00.5';

/** The keyset, delete and read-only behaviour every dialect must show, on a real database. */
export function describeErpSqlConnector({
  dialect,
  create,
  exec,
  ddl,
  failures,
}: ErpSqlTestDialect): void {
  describe(`ErpSqlConnector on ${dialect}`, () => {
    let database: ErpSqlTestDatabase;
    const open: ErpSqlConnector[] = [];

    const insert = (id: number, updatedAt: string | null, deletedAt: string | null = null) =>
      exec(
        database.url,
        'INSERT INTO customers (id, name, email, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?)',
        [id, `Customer ${id}`, `c${id}@example.com`, updatedAt, deletedAt],
      );

    const connector = (plain: Partial<ErpSqlConnectorOptions> = {}): ErpSqlConnector => {
      const options = Object.assign(new ErpSqlConnectorOptions(), {
        url: database.url,
        dialect,
        table: 'customers',
        object: 'customers',
        idColumn: 'id',
        watermarkColumn: 'updated_at',
        softDeleteColumn: 'deleted_at',
        ...plain,
      });
      const created = new ErpSqlConnector({
        name: 'erp-db',
        options,
        baseDir: '.',
        logger: new Logger('test'),
      });
      open.push(created);
      return created;
    };

    const readAll = async (source: ErpSqlConnector, pageSize = 10) => {
      const read: RawSourceRecord[] = [];
      for await (const page of source.read({ checkpoint: null, pageSize })) {
        read.push(...page.records);
      }
      return read;
    };

    beforeEach(async () => {
      database = await create();
      await exec(database.url, ddl);
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((c) => c.close()));
      await database.drop();
    });

    it('never loses rows sharing a watermark across page boundaries while rows change between pages', async () => {
      for (let id = 1; id <= 7; id += 1) await insert(id, T1);
      for (let id = 8; id <= 10; id += 1) await insert(id, T2);

      const read: RawSourceRecord[] = [];
      const pages: SourcePage[] = [];
      let changed = false;
      for await (const page of connector().read({ checkpoint: null, pageSize: 4 })) {
        pages.push(page);
        read.push(...page.records);
        if (!changed) {
          changed = true;
          // ids 1-4 are read: 2 moves ahead, 6 (unread) moves ahead, 11 joins the tie at T1
          await exec(database.url, 'UPDATE customers SET updated_at = ?, name = ? WHERE id = 2', [
            T3,
            'Renamed',
          ]);
          await exec(database.url, 'UPDATE customers SET updated_at = ? WHERE id = 6', [T3]);
          await insert(11, T1);
        }
      }
      expect(read.map((r) => r.externalId)).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5',
        '7',
        '11',
        '8',
        '9',
        '10',
        '2',
        '6',
      ]);
      expect(read[10]?.payload['name']).toBe('Renamed');
      expect(read[0]).toMatchObject({
        object: 'customers',
        modifiedAt: '2024-03-01T10:00:00.123Z',
        deleted: false,
        payload: { id: 1, updated_at: '2024-03-01T10:00:00.123Z' },
      });
      expect(pages[0]?.progress).toEqual({ done: 4, total: 10 });

      // resuming from the last checkpoint sees nothing new; a later change comes alone
      const checkpoint = pages[pages.length - 1]?.checkpoint ?? null;
      const again: SourcePage[] = [];
      for await (const page of connector().read({ checkpoint, pageSize: 4 })) again.push(page);
      expect(again).toEqual([]);
      await exec(database.url, 'UPDATE customers SET updated_at = ? WHERE id = 9', [
        '2024-03-03 00:00:00',
      ]);
      const later: string[] = [];
      for await (const page of connector().read({ checkpoint, pageSize: 4 })) {
        later.push(...page.records.map((r) => r.externalId));
      }
      expect(later).toEqual(['9']);
    });

    it('reads rows without a watermark first, and marks soft-deleted rows deleted', async () => {
      await insert(1, T1);
      await insert(2, null);
      await insert(3, T2, T3);
      await exec(database.url, 'UPDATE customers SET photo = ? WHERE id = 1', [
        Buffer.from([1, 2, 255]),
      ]);
      const read = await readAll(connector(), 2);
      expect(read.map((r) => [r.externalId, r.deleted])).toEqual([
        ['2', false],
        ['1', false],
        ['3', true],
      ]);
      expect(read[2]?.payload['deleted_at']).toBe('2024-03-02T09:30:00.500Z');
      expect(read[1]?.payload['photo']).toBe('AQL/');
    });

    it('reads rows inserted without a watermark after an earlier run', async () => {
      await insert(1, T1);
      await insert(2, null);
      const ids = async (checkpoint: Checkpoint | null) => {
        const read: string[] = [];
        let last = checkpoint;
        for await (const page of connector().read({ checkpoint, pageSize: 1 })) {
          read.push(...page.records.map((r) => r.externalId));
          last = page.checkpoint;
        }
        return { read, last };
      };
      const first = await ids(null);
      expect(first.read).toEqual(['2', '1']);
      expect(first.last).toMatchObject({ nullsDone: true, nullsAfter: 2, lastId: 1 });

      // a legacy table that stamps rows only on update inserts new ones with none
      await insert(3, null);
      await exec(database.url, 'UPDATE customers SET updated_at = ? WHERE id = 1', [T3]);
      expect((await ids(first.last)).read).toEqual(['3', '1']);

      // checkpoints written before `nullsAfter`: after the NULL pass, it is read once again
      const { watermark, lastId } = first.last ?? {};
      expect((await ids({ nullsDone: true, watermark, lastId })).read).toEqual(['2', '3', '1']);
      expect((await ids({ nullsDone: false, watermark: null, lastId: 2 })).read).toEqual([
        '3',
        '1',
      ]);
    });

    it('reads a custom query as a subselect', async () => {
      await insert(1, T1);
      await insert(2, T2);
      const source = connector({
        table: undefined,
        query: "SELECT id, name, updated_at, deleted_at FROM customers WHERE name <> 'Customer 1'",
      });
      const read = await readAll(source);
      expect(read.map((r) => r.payload)).toEqual([
        { id: 2, name: 'Customer 2', updated_at: '2024-03-01T11:00:00.000Z', deleted_at: null },
      ]);
      const [described] = await source.discover();
      expect(described?.fields.map((f) => f.name)).toEqual([
        'id',
        'name',
        'updated_at',
        'deleted_at',
      ]);
    });

    it('lists every live id in chunks for the full delete diff', async () => {
      const ids250 = Array.from({ length: 250 }, (_, i) => i + 1);
      await exec(
        database.url,
        `INSERT INTO customers (id, updated_at, deleted_at) VALUES ${ids250.map(() => '(?, ?, ?)').join(', ')}`,
        ids250.flatMap((id) => [id, T1, id % 50 === 0 ? T2 : null]),
      );
      const chunks: string[][] = [];
      for await (const chunk of connector({ idChunkSize: 100 }).listExternalIds('customers')) {
        chunks.push(chunk);
      }
      expect(chunks.map((c) => c.length)).toEqual([98, 98, 49]);
      const ids = chunks.flat();
      expect(ids).toHaveLength(245);
      expect(ids).not.toContain('50');
      expect(ids).toContain('249');
    });

    it('opens a session that refuses writes', async () => {
      await insert(1, T1);
      const options = Object.assign(new ErpSqlConnectorOptions(), { url: database.url, dialect });
      const session = await openSqlSession(options, '.');
      try {
        // Matched on the message, not toThrow: better-sqlite3's errors may come from another realm.
        const refused = { message: expect.stringMatching(/read.?only/i) as unknown };
        await expect(
          session.query("UPDATE customers SET name = 'x' WHERE id = 1", []),
        ).rejects.toMatchObject(refused);
        await expect(session.query('DELETE FROM customers', [])).rejects.toMatchObject(refused);
      } finally {
        await session.close();
      }
      const read = await readAll(connector());
      expect(read.map((r) => r.payload['name'])).toEqual(['Customer 1']);
    });

    const shared: FailureCase[] = [
      ['a missing table', () => ({ table: 'nope' }), ConnectorErrorCode.NotFound],
      ['an unknown column', () => ({ watermarkColumn: 'nope' }), ConnectorErrorCode.Config],
    ];

    it.each([...shared, ...failures])('classifies %s', async (_case, plain, code) => {
      let error: unknown;
      try {
        await readAll(connector(plain(database)));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).code).toBe(code);
      expect((error as ConnectorError).message).not.toContain('wrong');
    });
  });
}
