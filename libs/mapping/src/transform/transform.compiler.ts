import { normaliseDate, ValidationCode } from '@crosswalk/model';
import { type SourceValue } from '../source/source-value';
import {
  type Transform,
  type TransformCompileFailure,
  type TransformIssue,
  type TransformOutcome,
} from './transform.types';

type Compiled = { ok: true; transform: Transform } | ({ ok: false } & TransformCompileFailure);

interface TransformDefinition {
  /** May be written as a bare name; it then receives `undefined` as its argument. */
  bare: boolean;
  compile(arg: unknown): Compiled;
}

const SPLIT_TAKES = ['first', 'last', 'all', 'but-first', 'but-last'] as const;

/**
 * The transform catalogue. Each entry checks its argument once, at compile time, and returns
 * the function applied to every record.
 */
const TRANSFORMS: Readonly<Record<string, TransformDefinition>> = {
  trim: { bare: true, compile: noArgument((text) => text.trim()) },
  upper: { bare: true, compile: noArgument((text) => text.toUpperCase()) },
  lower: { bare: true, compile: noArgument((text) => text.toLowerCase()) },
  title: { bare: true, compile: noArgument(titleCase) },
  concat: {
    bare: true,
    compile: (arg) => (arg === undefined ? ok(join('')) : bad('takes no argument')),
  },
  join: {
    bare: true,
    compile: (arg) =>
      arg === undefined
        ? ok(join(' '))
        : typeof arg === 'string'
          ? ok(join(arg))
          : bad('expects the separator as a string, e.g. { join: ", " }'),
  },
  split: { bare: true, compile: compileSplit },
  map: { bare: false, compile: compileMap },
  'null-if': { bare: false, compile: compileNullIf },
  replace: { bare: false, compile: compileReplace },
  date: { bare: false, compile: compileDate },
};

export const TRANSFORM_NAMES: readonly string[] = Object.keys(TRANSFORMS);

/**
 * Compiles one entry of a `transforms:` list: a bare name (`trim`) or a map with a single
 * key, the name, whose value is the argument (`{ split: { take: first } }`).
 */
export function compileTransform(spec: unknown): Compiled {
  if (typeof spec === 'string') {
    const definition = TRANSFORMS[spec];
    if (definition === undefined) return unknown(spec);
    if (!definition.bare) return bad(`"${spec}" needs an argument: write { ${spec}: ... }`);
    return definition.compile(undefined);
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    return bad(
      'a transform is a name or a map with one key, e.g. trim or { split: { take: first } }',
    );
  }
  const entries = Object.entries(spec as Record<string, unknown>);
  const [entry] = entries;
  if (entry === undefined || entries.length > 1) {
    return bad(
      `a transform map has exactly one key, the transform's name (found ${entries.length})`,
    );
  }
  const [name, arg] = entry;
  const definition = TRANSFORMS[name];
  if (definition === undefined) return unknown(name);
  return definition.compile(arg);
}

function ok(transform: Transform): Compiled {
  return { ok: true, transform };
}

function bad(reason: string): Compiled {
  return { ok: false, code: 'BAD_TRANSFORM_ARGUMENT', reason };
}

function unknown(name: string): Compiled {
  return {
    ok: false,
    code: 'UNKNOWN_TRANSFORM',
    reason: `unknown transform "${name}"; known transforms: ${Object.keys(TRANSFORMS).join(', ')}`,
  };
}

/** A transform that rewrites each value's text on its own. */
function eachText(rewrite: (text: string) => string | undefined): Transform {
  return (values) => ({
    values: values.flatMap((value) => {
      const text = rewrite(value.text);
      return text === undefined ? [] : [{ text, sources: value.sources }];
    }),
    issues: [],
  });
}

function noArgument(rewrite: (text: string) => string): (arg: unknown) => Compiled {
  return (arg) =>
    arg === undefined || arg === null ? ok(eachText(rewrite)) : bad('takes no argument');
}

/** Upper-cases the first letter of each word, and after hyphens and apostrophes (Anna-Lena, O'Brien). */
function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(
      /(^|[\s\-'’])(\p{L})/gu,
      (_, before: string, letter: string) => before + letter.toUpperCase(),
    );
}

function join(separator: string): Transform {
  return (values) => {
    if (values.length === 0) return { values, issues: [] };
    const text = values.map((value) => value.text).join(separator);
    const sources = [...new Set(values.flatMap((value) => value.sources))];
    return { values: [{ text, sources }], issues: [] };
  };
}

function compileSplit(arg: unknown): Compiled {
  const options = arg ?? {};
  if (!isPlainObject(options))
    return bad(
      'expects { separator?: string, take?: first | last | all | but-first | but-last | <index> }',
    );
  const extra = Object.keys(options).filter((key) => key !== 'separator' && key !== 'take');
  if (extra.length > 0)
    return bad(`unknown option "${extra.join('", "')}"; split takes separator and take`);
  const { separator, take = 'all' } = options;
  if (separator !== undefined && (typeof separator !== 'string' || separator === '')) {
    return bad('separator must be a non-empty string (leave it out to split on whitespace)');
  }
  const validTake = (SPLIT_TAKES as readonly unknown[]).includes(take) || Number.isInteger(take);
  if (!validTake)
    return bad(
      `take must be one of ${SPLIT_TAKES.join(', ')} or a whole number (negative counts from the end)`,
    );
  const glue = separator ?? ' ';
  const pieces = (text: string): string[] =>
    (separator === undefined ? text.trim().split(/\s+/u) : text.split(separator))
      .map((piece) => piece.trim())
      .filter((piece) => piece !== '');
  const pick = (parts: string[]): string[] => {
    switch (take) {
      case 'all':
        return parts;
      case 'first':
        return parts.slice(0, 1);
      case 'last':
        return parts.slice(-1);
      case 'but-first':
        return parts.length > 1 ? [parts.slice(1).join(glue)] : [];
      case 'but-last':
        return parts.length > 1 ? [parts.slice(0, -1).join(glue)] : [];
      default: {
        const part = parts.at(take as number);
        return part === undefined ? [] : [part];
      }
    }
  };
  return ok((values) => ({
    values: values.flatMap((value) =>
      pick(pieces(value.text)).map((text) => ({ text, sources: value.sources })),
    ),
    issues: [],
  }));
}

function compileMap(arg: unknown): Compiled {
  if (!isPlainObject(arg) || Object.keys(arg).length === 0) {
    return bad(
      'expects a non-empty map of source value to canonical value, e.g. { map: { Sverige: SE } }',
    );
  }
  const table = new Map<string, string | null>();
  for (const [from, to] of Object.entries(arg)) {
    if (to !== null && !isScalar(to))
      return bad(`the value for "${from}" must be text, a number or null`);
    const key = matchKey(from);
    const value = to === null ? null : String(to);
    if (table.has(key) && table.get(key) !== value) {
      return bad(`"${from}" appears twice with different values (keys are compared without case)`);
    }
    table.set(key, value);
  }
  return ok(
    eachText((text) => {
      const key = matchKey(text);
      if (!table.has(key)) return text;
      return table.get(key) ?? undefined;
    }),
  );
}

function compileNullIf(arg: unknown): Compiled {
  const list = Array.isArray(arg) ? (arg as unknown[]) : [arg];
  if (list.length === 0 || !list.every(isScalar)) {
    return bad('expects a value or a list of values, e.g. { null-if: ["N/A", "-"] }');
  }
  const nulls = new Set(list.map((value) => matchKey(String(value))));
  return ok(eachText((text) => (nulls.has(matchKey(text)) ? undefined : text)));
}

function compileReplace(arg: unknown): Compiled {
  if (!isPlainObject(arg))
    return bad('expects { pattern: <regular expression>, with?: <text>, flags?: <flags> }');
  const extra = Object.keys(arg).filter((key) => !['pattern', 'with', 'flags'].includes(key));
  if (extra.length > 0)
    return bad(`unknown option "${extra.join('", "')}"; replace takes pattern, with and flags`);
  const { pattern, with: replacement = '', flags = 'g' } = arg;
  if (typeof pattern !== 'string' || pattern === '')
    return bad('pattern must be a non-empty regular expression');
  if (!isScalar(replacement)) return bad('with must be text');
  if (typeof flags !== 'string') return bad('flags must be text such as "gi"');
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (error) {
    return bad(
      `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const withText = String(replacement);
  return ok(eachText((text) => text.replace(regex, withText)));
}

function compileDate(arg: unknown): Compiled {
  const formats = Array.isArray(arg) ? (arg as unknown[]) : [arg];
  if (
    formats.length === 0 ||
    !formats.every((format) => typeof format === 'string' && format !== '')
  ) {
    return bad('expects a date-fns format or a list of them, e.g. { date: "dd.MM.yyyy" }');
  }
  const patterns = formats as string[];
  return ok((values): TransformOutcome => {
    const issues: TransformIssue[] = [];
    const out: SourceValue[] = [];
    for (const value of values) {
      const result = normaliseDate(value.instant ?? value.text, value.instant ? [] : patterns);
      if (result.ok) out.push({ text: result.value, sources: value.sources });
      else if (result.code !== ValidationCode.MISSING_REQUIRED) {
        issues.push({ code: result.code, value, message: result.reason });
      }
    }
    return { values: out, issues };
  });
}

/** Value-map and null-if keys match without regard to case or surrounding space. */
function matchKey(text: string): string {
  return text.trim().toLowerCase();
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
