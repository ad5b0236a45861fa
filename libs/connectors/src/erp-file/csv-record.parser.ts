import { CsvError, type Options, parse } from 'csv-parse/sync';
import { RecordRejectCode } from '../port/connector-error';
import { type ByteLine } from './byte-line.reader';
import { type CsvLayoutOptions, type FileEncoding } from './erp-file.options';
import { type FileItem } from './file-item';
import { decodeLine, type DecodedLine } from './line.decoder';

type Line = DecodedLine & Pick<ByteLine, 'number' | 'end' | 'truncated'>;

/** Whether a quote is still open at the end of `text`, given the state at its start. */
function quoteOpenAfter(
  text: string,
  openAtStart: boolean,
  quote: string,
  escape: string,
): boolean {
  let open = openAtStart;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (!open) {
      if (char === quote) open = true;
      continue;
    }
    if (escape !== quote && char === escape && (text[i + 1] === quote || text[i + 1] === escape)) {
      i += 1;
    } else if (char === quote) {
      if (escape === quote && text[i + 1] === quote) i += 1;
      else open = false;
    }
  }
  return open;
}

/**
 * CSV records from a file's lines. Records are delimited first (a quoted field may span
 * lines), then each is parsed on its own by csv-parse: a stream parser would read an
 * unclosed quote to the end of the file, losing every later row. A record that cannot be
 * parsed rejects its first line only, and parsing resumes on the next line.
 */
export async function* parseCsvRecords(
  byteLines: AsyncIterable<ByteLine>,
  layout: CsvLayoutOptions,
  encoding: FileEncoding,
): AsyncGenerator<FileItem> {
  const source = byteLines[Symbol.asyncIterator]();
  const queue: Line[] = [];
  const next = async (): Promise<Line | undefined> => {
    const queued = queue.shift();
    if (queued) return queued;
    const result = await source.next();
    if (result.done) return undefined;
    const { bytes, number, end, truncated } = result.value;
    return { ...decodeLine(bytes, encoding), number, end, truncated };
  };

  for (let first = await next(); first; first = await next()) {
    if (first.truncated) {
      yield reject(
        first,
        RecordRejectCode.Unparseable,
        'line is longer than the 1 MiB limit',
        first.text,
      );
      continue;
    }
    if (first.text.trim() === '' && !first.encodingError) continue;

    const group: Line[] = [first];
    let open = quoteOpenAfter(first.text, false, layout.quote, layout.escape);
    while (open && group.length < layout.maxRecordLines) {
      const line = await next();
      if (!line) break;
      group.push(line);
      open = quoteOpenAfter(`\n${line.text}`, open, layout.quote, layout.escape);
    }
    const unbalanced = (): FileItem => {
      queue.unshift(...group.slice(1));
      return reject(
        first,
        RecordRejectCode.Unparseable,
        `unbalanced quote: the quote opened on line ${first.number} is not closed`,
        first.text,
      );
    };
    if (open) {
      yield unbalanced();
      continue;
    }

    const last = group[group.length - 1] ?? first;
    const text = group.map((line) => line.text).join('\n');
    const badLine = group.find((line) => line.encodingError);
    if (badLine) {
      yield {
        kind: 'rejected',
        code: RecordRejectCode.Encoding,
        reason: `line ${badLine.number}: ${badLine.encodingError ?? ''}`,
        line: first.number,
        raw: text,
        end: last.end,
      };
      continue;
    }

    const parsed = parseOne(text, layout);
    if (typeof parsed === 'string') {
      if (group.length > 1) {
        yield unbalanced();
        continue;
      }
      yield reject(first, RecordRejectCode.Unparseable, parsed, text);
      continue;
    }
    yield { kind: 'values', values: parsed, line: first.number, raw: text, end: last.end };
  }
}

/** The fields of one record, or why it cannot be parsed. */
function parseOne(text: string, layout: CsvLayoutOptions): string[] | string {
  try {
    const options: Options = {
      delimiter: layout.delimiter,
      quote: layout.quote,
      escape: layout.escape,
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: '\n',
    };
    const rows = parse(text, options);
    const [row, ...extra] = rows;
    if (!row || extra.length > 0) return 'the record does not form exactly one row';
    return row;
  } catch (error) {
    if (error instanceof CsvError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

function reject(line: Line, code: RecordRejectCode, reason: string, raw: string): FileItem {
  return { kind: 'rejected', code, reason, line: line.number, raw, end: line.end };
}
