import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
]);

/** PostgreSQL SQLSTATE codes, by class or exact code. */
function postgresCode(sqlState: string): ConnectorErrorCode | undefined {
  if (sqlState === '28P01' || sqlState === '28000') return ConnectorErrorCode.Auth;
  if (sqlState === '42501') return ConnectorErrorCode.Permission;
  if (sqlState === '42P01') return ConnectorErrorCode.NotFound;
  if (sqlState === '3D000' || sqlState === '3F000') return ConnectorErrorCode.Config;
  if (sqlState.startsWith('08') || sqlState.startsWith('53') || sqlState.startsWith('57')) {
    return ConnectorErrorCode.Temporary;
  }
  if (sqlState === '40001' || sqlState === '40P01') return ConnectorErrorCode.Temporary;
  // syntax errors, unknown columns, type mismatches: the declared table/query is wrong
  if (sqlState.startsWith('42') || sqlState.startsWith('22') || sqlState === '25006') {
    return ConnectorErrorCode.Config;
  }
  return undefined;
}

/** MySQL/MariaDB server error numbers. */
function mysqlCode(errno: number): ConnectorErrorCode | undefined {
  switch (errno) {
    case 1045: // access denied (bad user or password)
    case 1698:
      return ConnectorErrorCode.Auth;
    case 1044: // no access to the database
    case 1142: // no access to the table
    case 1143:
      return ConnectorErrorCode.Permission;
    case 1146: // table does not exist
      return ConnectorErrorCode.NotFound;
    case 1049: // unknown database
    case 1054: // unknown column
    case 1064: // syntax error
    case 1792: // write in a read-only transaction
      return ConnectorErrorCode.Config;
    case 1040: // too many connections
    case 1053: // server shutdown
    case 1205: // lock wait timeout
    case 1213: // deadlock
    case 1317: // query interrupted
    case 1969: // MariaDB statement time exceeded
    case 3024: // MySQL statement time exceeded
    case 2002:
    case 2003:
    case 2006:
    case 2013:
      return ConnectorErrorCode.Temporary;
    default:
      return undefined;
  }
}

/** SQLite result codes (extended codes such as SQLITE_BUSY_SNAPSHOT by their primary code). */
function sqliteCode(resultCode: string, message: string): ConnectorErrorCode | undefined {
  const primary = /^SQLITE_[A-Z]+/.exec(resultCode)?.[0] ?? resultCode;
  switch (primary) {
    case 'SQLITE_BUSY': // a writer holds the lock
    case 'SQLITE_LOCKED':
    case 'SQLITE_INTERRUPT':
    case 'SQLITE_IOERR':
    case 'SQLITE_NOMEM':
    case 'SQLITE_PROTOCOL':
      return ConnectorErrorCode.Temporary;
    case 'SQLITE_READONLY': // a write on the read-only session
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return ConnectorErrorCode.Permission;
    case 'SQLITE_ERROR':
      // unknown columns, syntax errors: the declared table/query is wrong
      return /\bno such table\b/i.test(message)
        ? ConnectorErrorCode.NotFound
        : ConnectorErrorCode.Config;
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
    case 'SQLITE_MISMATCH':
    case 'SQLITE_RANGE':
    case 'SQLITE_TOOBIG':
      return ConnectorErrorCode.Config;
    default:
      return undefined;
  }
}

/** File errors around opening an SQLite database file. */
const FILE_ERRORS: Record<string, ConnectorErrorCode> = {
  ENOENT: ConnectorErrorCode.NotFound,
  ENOTDIR: ConnectorErrorCode.NotFound,
  EACCES: ConnectorErrorCode.Permission,
  EPERM: ConnectorErrorCode.Permission,
  EISDIR: ConnectorErrorCode.Config,
};

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null
    ? (error as Record<string, unknown>)[name]
    : undefined;
}

/**
 * Turns a driver failure into a ConnectorError that sync's retry policy understands.
 * The message carries the server's text, never the connection URL.
 */
export function classifySqlError(connector: string, error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const nodeCode = field(error, 'code');
  const errno = field(error, 'errno');
  const sqlState =
    field(error, 'sqlState') ??
    (typeof nodeCode === 'string' && /^[0-9A-Z]{5}$/.test(nodeCode) ? nodeCode : undefined);
  let code: ConnectorErrorCode | undefined;
  // Not `instanceof Error`: better-sqlite3 keeps the error class of the first context that
  // loaded it, so its errors can come from another realm (a vm context, a test sandbox).
  const text = field(error, 'message');
  const message = typeof text === 'string' ? text : String(error);
  if (typeof nodeCode === 'string' && NETWORK_ERRORS.has(nodeCode))
    code = ConnectorErrorCode.Temporary;
  else if (typeof nodeCode === 'string' && nodeCode.startsWith('SQLITE_'))
    code = sqliteCode(nodeCode, message);
  else if (typeof nodeCode === 'string' && Object.hasOwn(FILE_ERRORS, nodeCode))
    code = FILE_ERRORS[nodeCode];
  else if (typeof errno === 'number' && field(error, 'sqlMessage') !== undefined)
    code = mysqlCode(errno);
  else if (typeof sqlState === 'string') code = postgresCode(sqlState);
  if (code === undefined && /timeout|timed out|terminated unexpectedly/i.test(message)) {
    code = ConnectorErrorCode.Temporary;
  }
  return new ConnectorError(
    code ?? ConnectorErrorCode.Temporary,
    `erp-sql connector "${connector}": ${message}`,
    {
      driverCode: typeof nodeCode === 'string' ? nodeCode : undefined,
      errno: typeof errno === 'number' ? errno : undefined,
    },
    { cause: error },
  );
}
