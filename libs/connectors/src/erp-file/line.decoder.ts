import iconv from 'iconv-lite';
import { type FileEncoding } from './erp-file.options';

export interface DecodedLine {
  text: string;
  /** Why the bytes are not valid in the declared encoding; absent when they are. */
  encodingError?: string;
}

const REPLACEMENT = '\uFFFD';
const UTF8_REPLACEMENT_BYTES = Buffer.from([0xef, 0xbf, 0xbd]);
/** Bytes windows-1252 leaves undefined. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

function firstByteIn(bytes: Buffer, test: (byte: number) => boolean): number {
  for (let i = 0; i < bytes.length; i += 1) {
    if (test(bytes[i] ?? 0)) return i;
  }
  return -1;
}

/** Decodes one line and says whether its bytes fit the declared encoding. */
export function decodeLine(bytes: Buffer, encoding: FileEncoding): DecodedLine {
  const text = iconv.decode(bytes, encoding);
  switch (encoding) {
    case 'utf-8': {
      // a literal U+FFFD in the file is valid; one produced by the decoder is not
      const at = text.indexOf(REPLACEMENT);
      if (at === -1 || bytes.includes(UTF8_REPLACEMENT_BYTES)) return { text };
      return { text, encodingError: `invalid utf-8 byte sequence at character ${at + 1}` };
    }
    case 'windows-1252': {
      const at = firstByteIn(bytes, (byte) => CP1252_UNDEFINED.has(byte));
      if (at === -1) return { text };
      return {
        text,
        encodingError: `byte ${hex(bytes[at] ?? 0)} at position ${at + 1} is undefined in windows-1252`,
      };
    }
    case 'iso-8859-1': {
      // C1 controls never occur in exported text: such a file is almost surely windows-1252
      const at = firstByteIn(bytes, (byte) => byte >= 0x80 && byte <= 0x9f);
      if (at === -1) return { text };
      return {
        text,
        encodingError: `byte ${hex(bytes[at] ?? 0)} at position ${at + 1} is a control character in iso-8859-1 (is the file windows-1252?)`,
      };
    }
  }
}
