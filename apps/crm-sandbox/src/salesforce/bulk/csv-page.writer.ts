import { once } from 'node:events';
import { type Writable } from 'node:stream';
import { csvCell, quoteCsv } from '../data/record-projection';
import { type RecordValues } from '../data/record-values';
import { type SObjectField } from '../schema/sobject-schema';

const ROWS_PER_CHUNK = 500;

export interface CsvRowSource {
  readonly fields: readonly SObjectField[];
  readonly indexes: readonly number[];
  readonly read: (index: number) => { values: RecordValues; id: string };
}

/**
 * Writes one page of Bulk results as CSV (header row, LF line endings) in chunks, waiting for
 * the socket to drain: a page is never built as one string.
 */
export async function writeCsvPage(out: Writable, source: CsvRowSource): Promise<void> {
  const { fields, indexes, read } = source;
  let chunk = `${fields.map((field) => quoteCsv(field.name)).join(',')}\n`;
  let rows = 0;
  for (const index of indexes) {
    if (out.destroyed) return;
    const { values, id } = read(index);
    chunk += `${fields.map((field) => csvCell(field, values, id)).join(',')}\n`;
    if (++rows % ROWS_PER_CHUNK === 0) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  if (chunk && !out.destroyed) out.write(chunk);
}
