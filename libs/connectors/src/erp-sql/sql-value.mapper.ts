const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A date-time as the server printed it, as ISO 8601 in UTC; text without a zone is UTC. */
export function toIsoUtc(text: string): string {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return text;
  const [, date, time, fraction = '', zone = 'Z'] = match;
  const offset = /^[+-]\d{2}$/.test(zone)
    ? `${zone}:00`
    : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const millis = fraction.slice(0, 4).padEnd(fraction === '' ? 0 : 4, '0');
  const parsed = new Date(`${date ?? ''}T${time ?? ''}${millis}${offset.toUpperCase()}`);
  return Number.isNaN(parsed.getTime()) ? text : parsed.toISOString();
}

/** A database value as JSON: dates as ISO strings, bytes as base64, big integers as strings. */
export function toJsonValue(value: unknown, isTimestamp = false): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return isTimestamp ? toIsoUtc(value) : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map((item) => toJsonValue(item));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJsonValue(item)]));
  }
  return null;
}
