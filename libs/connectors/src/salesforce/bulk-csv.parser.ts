import { parse } from 'csv-parse/sync';
import { type RejectedRecord } from '../port/connector.port';
import { RecordRejectCode } from '../port/connector-error';

export interface CsvPage {
  rows: Record<string, string>[];
  rejected: RejectedRecord[];
}

/**
 * One page of Bulk API 2.0 query results (RFC 4180 CSV with a header row, as Salesforce
 * writes it: comma, `"` quoting, LF). Only one page is ever held: the job's results are read
 * `maxRecords` at a time. A row whose column count differs from the header's is rejected, the
 * rest of the page goes on.
 */
export function parseBulkCsvPage(object: string, text: string): CsvPage {
  const table: string[][] = parse(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  const [header, ...body] = table;
  const rows: Record<string, string>[] = [];
  const rejected: RejectedRecord[] = [];
  if (!header) return { rows, rejected };
  for (const cells of body) {
    if (cells.length !== header.length) {
      rejected.push({
        object,
        code: RecordRejectCode.ColumnCount,
        reason: `the row has ${cells.length} columns, the header ${header.length}`,
        raw: JSON.stringify(cells),
      });
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((name, index) => {
      row[name] = cells[index] ?? '';
    });
    rows.push(row);
  }
  return { rows, rejected };
}
