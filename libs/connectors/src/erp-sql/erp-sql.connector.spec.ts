import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type RawSourceRecord } from '../port/connector.port';
import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';
import { ErpSqlConnector, openSqlSession } from './erp-sql.connector';
import { ErpSqlConnectorOptions } from './erp-sql.options';
import { classifySqlError } from './sql-error.classifier';
import { sqliteFilePath } from './sqlite.session';
import {
  describeErpSqlConnector,
  type ErpSqlTestDatabase,
  type ExecParam,
} from './testing/erp-sql-connector.cases';

/** A new SQLite file in its own temporary folder. */
function createSqliteDatabase(): Promise<ErpSqlTestDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'erp-sql-'));
  const url = join(folder, 'erp.db');
  new Database(url).close();
  return Promise.resolve({
    url,
    drop: () => Promise.resolve(rmSync(folder, { recursive: true, force: true })),
  });
}

/** The writer opens the same file without `readonly`, as the ERP itself would. */
function execSqlite(url: string, sql: string, params: ExecParam[] = []): Promise<void> {
  const db = new Database(url, { fileMustExist: true });
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
  return Promise.resolve();
}

describeErpSqlConnector({
  dialect: 'sqlite',
  create: createSqliteDatabase,
  exec: execSqlite,
  // date-times are stored as the text written; the declared type marks them as date-times
  ddl: `CREATE TABLE customers (
    id INTEGER PRIMARY KEY, name TEXT, email TEXT,
    updated_at TIMESTAMP, deleted_at TIMESTAMP, photo BLOB)`,
  failures: [
    ['a missing file', ({ url }) => ({ url: `${url}.missing` }), ConnectorErrorCode.NotFound],
    [
      'a missing folder',
      ({ url }) => ({ url: join(dirname(url), 'nowhere', 'erp.db') }),
      ConnectorErrorCode.NotFound,
    ],
    ['a folder instead of a file', ({ url }) => ({ url: dirname(url) }), ConnectorErrorCode.Config],
  ],
});

describe('ErpSqlConnector on sqlite files', () => {
  let database: ErpSqlTestDatabase;
  const open: ErpSqlConnector[] = [];

  const connector = (
    plain: Partial<ErpSqlConnectorOptions> = {},
    baseDir = '.',
  ): ErpSqlConnector => {
    const options = Object.assign(new ErpSqlConnectorOptions(), {
      url: database.url,
      dialect: 'sqlite',
      table: 'customers',
      object: 'customers',
      idColumn: 'id',
      watermarkColumn: 'version',
      ...plain,
    });
    const created = new ErpSqlConnector({
      name: 'erp-file-db',
      options,
      baseDir,
      logger: new Logger('test'),
    });
    open.push(created);
    return created;
  };

  const failure = async (source: ErpSqlConnector): Promise<ConnectorError> => {
    try {
      for await (const page of source.read({ checkpoint: null, pageSize: 10 })) void page;
    } catch (error) {
      if (error instanceof ConnectorError) return error;
      throw error;
    }
    throw new Error('the read did not fail');
  };

  beforeEach(async () => {
    database = await createSqliteDatabase();
    await execSqlite(
      database.url,
      'CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, version INTEGER)',
    );
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    await database.drop();
  });

  it.each([
    ['a relative path', (folder: string) => ({ url: 'erp.db', baseDir: folder })],
    [
      'a relative path from a sibling',
      (folder: string) => ({ url: `../${basename(folder)}/erp.db`, baseDir: folder }),
    ],
    ['a relative file: URL', (folder: string) => ({ url: 'file:erp.db?mode=rw', baseDir: folder })],
    [
      'an absolute file: URL',
      (folder: string) => ({ url: pathToFileURL(join(folder, 'erp.db')).href, baseDir: '/' }),
    ],
  ])('opens %s against the config folder', async (_case, where) => {
    await execSqlite(database.url, "INSERT INTO customers VALUES (1, 'Ada', 3)");
    const { url, baseDir } = where(dirname(database.url));
    expect(sqliteFilePath(url, baseDir)).toBe(database.url);
    const read: RawSourceRecord[] = [];
    for await (const page of connector({ url }, baseDir).read({ checkpoint: null, pageSize: 5 })) {
      read.push(...page.records);
    }
    expect(read.map((r) => r.payload)).toEqual([{ id: 1, name: 'Ada', version: 3 }]);
  });

  it('keeps integer ids and watermarks beyond 2^53 exact across pages', async () => {
    const big = 2n ** 53n;
    for (const offset of [1n, 3n, 5n]) {
      await execSqlite(database.url, 'INSERT INTO customers VALUES (?, ?, ?)', [
        big + offset,
        `row ${offset}`,
        big + 10n,
      ]);
    }
    const ids: string[] = [];
    const checkpoints: unknown[] = [];
    for await (const page of connector().read({ checkpoint: null, pageSize: 1 })) {
      ids.push(...page.records.map((r) => r.externalId));
      checkpoints.push(page.checkpoint);
    }
    expect(ids).toEqual(['9007199254740993', '9007199254740995', '9007199254740997']);
    expect(checkpoints[0]).toEqual({
      nullsDone: true,
      nullsAfter: null,
      watermark: '9007199254741002',
      lastId: '9007199254740993',
    });
    const listed: string[] = [];
    for await (const chunk of connector({ idChunkSize: 100 }).listExternalIds('customers')) {
      listed.push(...chunk);
    }
    expect(listed).toEqual(ids);
  });

  it('keeps a text watermark as stored, so a tie resumes exactly', async () => {
    await execSqlite(
      database.url,
      'CREATE TABLE stamped (id INTEGER PRIMARY KEY, changed TEXT NOT NULL)',
    );
    const stamp = '2025-05-01T02:00:00.000001+00:00';
    for (const id of [1, 2, 3]) {
      await execSqlite(database.url, 'INSERT INTO stamped VALUES (?, ?)', [id, stamp]);
    }
    const source = connector({ table: 'stamped', watermarkColumn: 'changed' });
    const pages = [];
    for await (const page of source.read({ checkpoint: null, pageSize: 2 })) pages.push(page);
    expect(pages.map((p) => p.checkpoint)).toEqual([
      { nullsDone: true, nullsAfter: null, watermark: stamp, lastId: 2 },
      { nullsDone: true, nullsAfter: null, watermark: stamp, lastId: 3 },
    ]);
    // a TEXT column is not a date-time by its declared type: the value passes unchanged
    expect(pages[0]?.records[0]?.payload['changed']).toBe(stamp);
  });

  it('classifies a write on the read-only file as a permission failure', async () => {
    const options = Object.assign(new ErpSqlConnectorOptions(), {
      url: database.url,
      dialect: 'sqlite',
    });
    const session = await openSqlSession(options, '.');
    let error: unknown;
    try {
      await session.query("INSERT INTO customers VALUES (1, 'x', 1)", []);
    } catch (caught) {
      error = caught;
    } finally {
      await session.close();
    }
    expect(classifySqlError('erp-file-db', error).code).toBe(ConnectorErrorCode.Permission);
  });

  it('classifies a file that is not a database as a config failure', async () => {
    writeFileSync(database.url, 'CUSTNO;NAME\n'.repeat(100));
    const error = await failure(connector());
    expect(error.code).toBe(ConnectorErrorCode.Config);
  });

  it('classifies a writer holding the lock as a temporary failure', async () => {
    await execSqlite(database.url, "INSERT INTO customers VALUES (1, 'Ada', 1)");
    const writer = new Database(database.url);
    try {
      writer.exec('BEGIN EXCLUSIVE');
      writer.prepare("UPDATE customers SET name = 'Grace'").run();
      const error = await failure(connector({ statementTimeoutSeconds: 1 }));
      expect(error.code).toBe(ConnectorErrorCode.Temporary);
      expect(error.message).toMatch(/locked/);
    } finally {
      writer.close();
    }
  });

  it('names the missing file in the failure', async () => {
    const error = await failure(connector({ url: 'nope.db' }, dirname(database.url)));
    expect(error.code).toBe(ConnectorErrorCode.NotFound);
    expect(error.message).toContain(join(dirname(database.url), 'nope.db'));
  });
});
