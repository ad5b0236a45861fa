import { SalesforceApiError, SalesforceErrorCode } from '../errors/salesforce-api.error';

export type SoqlTokenKind =
  'word' | 'string' | 'number' | 'datetime' | 'date' | 'operator' | 'punct' | 'end';

export interface SoqlToken {
  readonly kind: SoqlTokenKind;
  readonly text: string;
  /** Decoded value of a string literal. */
  readonly value: string;
  readonly column: number;
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER = /^-?\d+(\.\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_.]*/;
const OPERATOR = /^(<=|>=|!=|<>|=|<|>)/;
const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

export function malformed(message: string): SalesforceApiError {
  return SalesforceApiError.badRequest(SalesforceErrorCode.MalformedQuery, message);
}

/** Splits SOQL into tokens; literal shapes follow the SOQL reference (quoted strings, ISO dates). */
export function tokenizeSoql(soql: string): SoqlToken[] {
  const tokens: SoqlToken[] = [];
  let position = 0;
  while (position < soql.length) {
    const rest = soql.slice(position);
    const space = /^\s+/.exec(rest);
    if (space) {
      position += space[0].length;
      continue;
    }
    const column = position + 1;
    if (rest.startsWith("'")) {
      const { value, length } = readString(rest, column);
      tokens.push({ kind: 'string', text: rest.slice(0, length), value, column });
      position += length;
      continue;
    }
    const match =
      matchToken('datetime', DATETIME, rest) ??
      matchToken('date', DATE, rest) ??
      matchToken('number', NUMBER, rest) ??
      matchToken('word', WORD, rest) ??
      matchToken('operator', OPERATOR, rest) ??
      matchToken('punct', /^[(),]/, rest);
    if (!match) throw malformed(`unexpected token: '${rest.slice(0, 10)}' at column ${column}`);
    tokens.push({ kind: match.kind, text: match.text, value: match.text, column });
    position += match.text.length;
  }
  tokens.push({ kind: 'end', text: '', value: '', column: soql.length + 1 });
  return tokens;
}

function matchToken(
  kind: SoqlTokenKind,
  pattern: RegExp,
  rest: string,
): { kind: SoqlTokenKind; text: string } | undefined {
  const found = pattern.exec(rest);
  return found ? { kind, text: found[0] } : undefined;
}

function readString(rest: string, column: number): { value: string; length: number } {
  let value = '';
  for (let i = 1; i < rest.length; i++) {
    const char = rest.charAt(i);
    if (char === "'") return { value, length: i + 1 };
    if (char === '\\') {
      const next = rest.charAt(i + 1);
      const escaped = ESCAPES[next];
      if (escaped === undefined)
        throw malformed(`invalid escape sequence '\\${next}' at column ${column + i}`);
      value += escaped;
      i++;
      continue;
    }
    value += char;
  }
  throw malformed(`unterminated string literal at column ${column}`);
}
