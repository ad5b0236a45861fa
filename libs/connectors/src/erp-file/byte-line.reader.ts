import { createReadStream } from 'node:fs';

/** Where reading a file resumes: a byte offset at a line start and the lines before it. */
export interface FilePosition {
  offset: number;
  line: number;
}

export interface ByteLine {
  /** The line's bytes without its line break. */
  bytes: Buffer;
  /** 1-based line number. */
  number: number;
  /** Position just after this line's line break. */
  end: FilePosition;
  /** The line was longer than the limit; `bytes` holds its beginning only. */
  truncated: boolean;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Streams a file as lines of raw bytes from a position. Lines are split on LF before
 * decoding: every supported encoding keeps 0x0A as the line feed, and byte offsets at
 * line starts are exact resume points.
 */
export async function* readByteLines(
  path: string,
  from: FilePosition,
  maxLineBytes = 1024 * 1024,
): AsyncGenerator<ByteLine> {
  const stream = createReadStream(path, { start: from.offset, highWaterMark: 256 * 1024 });
  let parts: Buffer[] = [];
  let partsLength = 0;
  let truncated = false;
  let offset = from.offset;
  let number = from.line;

  const take = (tail: Buffer, consumed: number): ByteLine => {
    let bytes = parts.length === 0 ? tail : Buffer.concat([...parts, tail]);
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, -1);
    number += 1;
    offset += consumed;
    const line: ByteLine = { bytes, number, end: { offset, line: number }, truncated };
    parts = [];
    partsLength = 0;
    truncated = false;
    return line;
  };

  let pendingConsumed = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let lf = chunk.indexOf(LF, start); lf !== -1; lf = chunk.indexOf(LF, start)) {
      const tail = truncated ? Buffer.alloc(0) : chunk.subarray(start, lf);
      yield take(tail, pendingConsumed + (lf - start) + 1);
      pendingConsumed = 0;
      start = lf + 1;
    }
    const rest = chunk.subarray(start);
    pendingConsumed += rest.length;
    if (!truncated) {
      // a copy: the stream may reuse its chunk buffers
      parts.push(Buffer.from(rest));
      partsLength += rest.length;
      if (partsLength > maxLineBytes) {
        parts = [Buffer.concat(parts).subarray(0, 1024)];
        truncated = true;
      }
    }
  }
  if (pendingConsumed > 0) yield take(Buffer.alloc(0), pendingConsumed);
}
