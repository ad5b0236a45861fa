import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SqlResult, type SqlSession, type SqlValue } from './sql.session';

/**
 * How long a statement waits for a writer's lock before SQLITE_BUSY. Statements run in-process
 * and block the event loop while they wait, so the wait stays short whatever the time limit.
 */
const MAX_BUSY_WAIT_MS = 5_000;

/** Declared column types SQLite users give date-times (`TIMESTAMP(3)`, `DATETIME`, ...). */
const TIMESTAMP_TYPE = /TIME/i;

/**
 * The database file a `url` names: a path or a `file:` URL, relative to `baseDir` when
 * relative. A `file:` URL's query (`?mode=...`) is dropped: the session decides the mode.
 */
export function sqliteFilePath(url: string, baseDir: string): string {
  let path = url;
  if (url.startsWith('file://')) path = fileURLToPath(url.replace(/[?#].*$/, ''));
  else if (url.startsWith('file:')) path = decodeURIComponent(url.slice(5).replace(/[?#].*$/, ''));
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

/** SQLite returns integers as bigint here so none loses precision; small ones become numbers. */
function fromSqlite(value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  const small = Number(value);
  return Number.isSafeInteger(small) ? small : value;
}

/** better-sqlite3 binds no booleans. */
const toSqlite = (value: SqlValue): string | number | null =>
  typeof value === 'boolean' ? Number(value) : value;

export class SqliteSession implements SqlSession {
  readonly dialect = 'sqlite' as const;

  private constructor(private readonly db: Database.Database) {}

  /**
   * Opens an existing database file read-only: SQLite itself refuses every write
   * (SQLITE_READONLY), and a missing file is an error rather than a new empty database.
   */
  static open(
    url: string,
    baseDir: string,
    statementTimeoutSeconds: number,
  ): Promise<SqliteSession> {
    // the driver is synchronous: an executor turns its throws into rejections
    return new Promise((done) => {
      const path = sqliteFilePath(url, baseDir);
      // ENOENT names the file; better-sqlite3 would only say "unable to open database file"
      if (!statSync(path).isFile()) {
        throw Object.assign(new Error(`${path} is not a file`), { code: 'EISDIR' });
      }
      const db = new Database(path, {
        readonly: true,
        fileMustExist: true,
        timeout: Math.min(statementTimeoutSeconds * 1000, MAX_BUSY_WAIT_MS),
      });
      // Belt and braces: the connection refuses writes even if the file's own mode would allow them.
      db.pragma('query_only = ON');
      done(new SqliteSession(db));
    });
  }

  query(sql: string, params: SqlValue[]): Promise<SqlResult> {
    return new Promise((done) => done(this.run(sql, params)));
  }

  close(): Promise<void> {
    return new Promise((done) => {
      this.db.close();
      done();
    });
  }

  private run(sql: string, params: SqlValue[]): SqlResult {
    const statement = this.db.prepare<unknown[], Record<string, unknown>>(sql);
    const bound = params.map(toSqlite);
    if (!statement.reader) {
      statement.run(...bound);
      return { rows: [], columns: [], timestampColumns: new Set() };
    }
    const columns = statement.columns();
    const rows = statement
      .safeIntegers(true)
      .all(...bound)
      .map((row) => {
        for (const key of Object.keys(row)) row[key] = fromSqlite(row[key]);
        return row;
      });
    return {
      rows,
      // the declared type; an expression column has none
      columns: columns.map((column) => ({ name: column.name, type: column.type ?? 'any' })),
      timestampColumns: new Set(
        columns.filter((c) => c.type !== null && TIMESTAMP_TYPE.test(c.type)).map((c) => c.name),
      ),
    };
  }
}
