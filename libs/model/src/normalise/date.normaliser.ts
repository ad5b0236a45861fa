// One module per function: the package index loads every date-fns function at start-up.
import { format as formatDate } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { parseISO } from 'date-fns/parseISO';
import { accepted, type Normalised, refused, ValidationCode } from './normalise-result';

/**
 * Fixed reference for date-fns parsing keeps the normalisers pure: fields a format leaves out
 * come from it, and two-digit years resolve to 1950-2049.
 */
const REFERENCE_DATE = new Date(2000, 0, 1);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;
const ZONE_DESIGNATOR = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * A calendar date to `YYYY-MM-DD`. Strings are read with the given date-fns formats in turn
 * (e.g. `dd.MM.yyyy`), or as ISO 8601 when none are given; an ISO date-time keeps the date
 * as written, whatever its offset. Impossible dates (2023-02-30) are refused.
 */
export function normaliseDate(
  input: string | Date,
  formats: readonly string[] = [],
): Normalised<string> {
  if (input instanceof Date) {
    return isValid(input)
      ? accepted(sourceDateText(input).slice(0, 10))
      : refused(ValidationCode.INVALID_DATE, 'invalid Date object');
  }
  const text = input.trim();
  if (text === '') return refused(ValidationCode.MISSING_REQUIRED, 'date is empty');
  if (formats.length > 0) {
    for (const pattern of formats) {
      const parsed = parse(text, pattern, REFERENCE_DATE);
      if (isValid(parsed)) return accepted(formatDate(parsed, 'yyyy-MM-dd'));
    }
    return refused(
      ValidationCode.INVALID_DATE,
      `"${input}" does not match ${formats.join(' or ')}`,
    );
  }
  const match = ISO_DATE.exec(text);
  const date = match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
  if (date === undefined || !isValid(parse(date, 'yyyy-MM-dd', REFERENCE_DATE))) {
    return refused(ValidationCode.INVALID_DATE, `"${input}" is not an ISO 8601 date`);
  }
  return accepted(date);
}

/**
 * A point in time to an ISO 8601 UTC instant. Strings are read with the given date-fns formats
 * in turn, or as ISO 8601; a time without an offset is taken as UTC so the result does not
 * depend on the machine's time zone.
 */
export function normaliseTimestamp(
  input: string | Date,
  formats: readonly string[] = [],
): Normalised<string> {
  if (input instanceof Date) {
    return isValid(input)
      ? accepted(input.toISOString())
      : refused(ValidationCode.INVALID_TIMESTAMP, 'invalid Date object');
  }
  const text = input.trim();
  if (text === '') return refused(ValidationCode.MISSING_REQUIRED, 'timestamp is empty');
  if (formats.length > 0) {
    for (const pattern of formats) {
      const fast = fixedWidthUtc(text, pattern);
      if (fast !== undefined) return accepted(fast);
      const parsed = parse(text, pattern, REFERENCE_DATE);
      if (isValid(parsed)) {
        return accepted((formatHasZone(pattern) ? parsed : asUtc(parsed)).toISOString());
      }
    }
    return refused(
      ValidationCode.INVALID_TIMESTAMP,
      `"${input}" does not match ${formats.join(' or ')}`,
    );
  }
  const parsed = ISO_DATE.test(text) ? parseISO(text) : new Date(Number.NaN);
  if (!isValid(parsed)) {
    return refused(ValidationCode.INVALID_TIMESTAMP, `"${input}" is not an ISO 8601 date-time`);
  }
  // The offset, if any, follows the time part (after "YYYY-MM-DD" and its separator).
  const hasZone = ZONE_DESIGNATOR.test(text.slice(11));
  return accepted((hasZone ? parsed : asUtc(parsed)).toISOString());
}

/**
 * A Date handed over by a source, as text. Database drivers deliver DATE columns as local
 * midnight, so local midnight reads as that local date (YYYY-MM-DD); any other Date is an
 * instant, written in ISO 8601 UTC.
 */
export function sourceDateText(date: Date): string {
  const localMidnight =
    date.getHours() === 0 &&
    date.getMinutes() === 0 &&
    date.getSeconds() === 0 &&
    date.getMilliseconds() === 0;
  return localMidnight ? formatDate(date, 'yyyy-MM-dd') : date.toISOString();
}

/**
 * Zone-less numeric patterns sources use most, read without date-fns: each maps to a strict
 * fixed-width shape (the pattern's own digits, separators and nothing else).
 */
const FIXED_WIDTH_PATTERNS: ReadonlyMap<string, RegExp> = new Map([
  ['yyyy-MM-dd HH:mm:ss', /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/],
  ["yyyy-MM-dd'T'HH:mm:ss", /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/],
  ['yyyy-MM-dd HH:mm', /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})()$/],
]);

/**
 * The UTC instant of `text` read with a pattern of FIXED_WIDTH_PATTERNS, when it has that
 * exact shape and every field is in range, as date-fns would read it (and then asUtc); else
 * undefined and date-fns decides. Years before 1000 and wall-clock times the local zone skips
 * (a daylight-saving gap, where date-fns moves the hour) are left to date-fns as well.
 */
function fixedWidthUtc(text: string, pattern: string): string | undefined {
  const shape = FIXED_WIDTH_PATTERNS.get(pattern);
  const match = shape?.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6] || 0);
  if (year < 1000 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const local = new Date(year, month - 1, day, hour, minute, second);
  if (local.getHours() !== hour || local.getMinutes() !== minute || local.getDate() !== day) {
    return undefined;
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second)).toISOString();
}

/** date-fns parses into local time; re-read those wall-clock fields as UTC. */
function asUtc(local: Date): Date {
  return new Date(
    Date.UTC(
      local.getFullYear(),
      local.getMonth(),
      local.getDate(),
      local.getHours(),
      local.getMinutes(),
      local.getSeconds(),
      local.getMilliseconds(),
    ),
  );
}

/** Offset tokens (X, x) and epoch tokens (T, t) make a parsed value absolute. */
function formatHasZone(pattern: string): boolean {
  return /[XxTt]/.test(pattern.replace(/'[^']*'/g, ''));
}
