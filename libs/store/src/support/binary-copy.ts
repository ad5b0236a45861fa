import { type SqlValue } from './sql-statements';

/** How a column's values are written in PostgreSQL's binary COPY format. */
export type CopyType = 'text' | 'int4' | 'int8' | 'float8' | 'bool';

/** Header of the binary COPY format: signature, flags (none), header extension length (0). */
const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const FIXED_WIDTH: Record<Exclude<CopyType, 'text'>, number> = {
  int4: 4,
  int8: 8,
  float8: 8,
  bool: 1,
};

/** What a value cannot be written as: the caller names the table and column. */
export class CopyValueError extends Error {
  constructor(
    readonly column: number,
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Rows in PostgreSQL's binary COPY format (a tuple: its field count, then each field's byte
 * length and bytes; -1 for NULL). Text goes as its UTF-8 bytes, unescaped: the text and CSV
 * formats would escape every quote of the JSON columns, which costs more than the parsing
 * COPY saves. `types` gives each column's type, in the order of the row's values.
 */
export function encodeBinaryCopy(
  types: readonly CopyType[],
  rows: readonly (readonly SqlValue[])[],
): Buffer {
  let size = HEADER.length + 2;
  for (const row of rows) {
    size += 2 + 4 * types.length;
    types.forEach((type, column) => {
      const value = row[column] ?? null;
      if (value === null) return;
      size += type === 'text' ? Buffer.byteLength(String(value), 'utf8') : FIXED_WIDTH[type];
    });
  }

  const buffer = Buffer.allocUnsafe(size);
  let offset = HEADER.copy(buffer, 0);
  rows.forEach((row, index) => {
    offset = buffer.writeInt16BE(types.length, offset);
    types.forEach((type, column) => {
      const value = row[column] ?? null;
      if (value === null) {
        offset = buffer.writeInt32BE(-1, offset);
        return;
      }
      if (type === 'text') {
        const written = buffer.write(String(value), offset + 4, 'utf8');
        buffer.writeInt32BE(written, offset);
        offset += 4 + written;
        return;
      }
      offset = buffer.writeInt32BE(FIXED_WIDTH[type], offset);
      offset = writeFixed(buffer, offset, type, value, column, index);
    });
  });
  buffer.writeInt16BE(-1, offset);
  return buffer;
}

function writeFixed(
  buffer: Buffer,
  offset: number,
  type: Exclude<CopyType, 'text'>,
  value: string | number | boolean,
  column: number,
  row: number,
): number {
  if (type === 'bool') {
    if (typeof value !== 'boolean' && value !== 0 && value !== 1) {
      throw new CopyValueError(column, row, `expected a boolean, got ${JSON.stringify(value)}`);
    }
    return buffer.writeUInt8(value === true || value === 1 ? 1 : 0, offset);
  }
  if (type === 'float8') {
    if (typeof value !== 'number') {
      throw new CopyValueError(column, row, `expected a number, got ${JSON.stringify(value)}`);
    }
    return buffer.writeDoubleBE(value, offset);
  }
  // Integers: numbers, or strings of digits (bigint columns are read back as strings).
  const integer = typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : value;
  if (typeof integer === 'number' && Number.isSafeInteger(integer)) {
    if (type === 'int8') return buffer.writeBigInt64BE(BigInt(integer), offset);
    if (integer >= -0x80000000 && integer <= 0x7fffffff)
      return buffer.writeInt32BE(integer, offset);
  } else if (
    typeof integer === 'bigint' &&
    BigInt.asIntN(type === 'int4' ? 32 : 64, integer) === integer
  ) {
    return type === 'int4'
      ? buffer.writeInt32BE(Number(integer), offset)
      : buffer.writeBigInt64BE(integer, offset);
  }
  throw new CopyValueError(
    column,
    row,
    `expected an integer that fits ${type}, got ${JSON.stringify(value)}`,
  );
}
