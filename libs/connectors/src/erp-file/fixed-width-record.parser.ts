import { RecordRejectCode } from '../port/connector-error';
import { type ByteLine } from './byte-line.reader';
import { type FileEncoding, type FixedWidthLayoutOptions } from './erp-file.options';
import { type FileItem } from './file-item';
import { decodeLine } from './line.decoder';

/**
 * Fixed-width records, one per non-blank line. Positions count characters after decoding
 * (the same as bytes in single-byte encodings). A line may stop short (exporters often trim
 * trailing blanks: the missing columns are empty) but may not run past the layout's end, which
 * would mean the layout does not describe it; `recordLength` demands one exact length.
 */
export async function* parseFixedWidthRecords(
  byteLines: AsyncIterable<ByteLine>,
  layout: FixedWidthLayoutOptions,
  encoding: FileEncoding,
): AsyncGenerator<FileItem> {
  const layoutEnd = Math.max(...layout.columns.map((column) => column.start + column.length - 1));
  for await (const byteLine of byteLines) {
    const { text, encodingError } = decodeLine(byteLine.bytes, encoding);
    const base = { line: byteLine.number, raw: text, end: byteLine.end };
    if (text.trim() === '' && !encodingError && !byteLine.truncated) continue;
    if (byteLine.truncated) {
      yield {
        kind: 'rejected',
        code: RecordRejectCode.Unparseable,
        reason: 'line is longer than the 1 MiB limit',
        ...base,
      };
    } else if (encodingError) {
      yield { kind: 'rejected', code: RecordRejectCode.Encoding, reason: encodingError, ...base };
    } else if (layout.recordLength !== undefined && text.length !== layout.recordLength) {
      yield {
        kind: 'rejected',
        code: RecordRejectCode.ColumnCount,
        reason: `line has ${text.length} characters, the layout expects ${layout.recordLength}`,
        ...base,
      };
    } else if (text.trimEnd().length > layoutEnd) {
      yield {
        kind: 'rejected',
        code: RecordRejectCode.ColumnCount,
        reason: `line has ${text.trimEnd().length} characters, past the layout's last position ${layoutEnd}`,
        ...base,
      };
    } else {
      const values = layout.columns.map((column) =>
        text.slice(column.start - 1, column.start - 1 + column.length),
      );
      yield { kind: 'values', values, ...base };
    }
  }
}
