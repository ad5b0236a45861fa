import { sourceDateText } from '@crosswalk/model';

/** One value on its way from the payload to a canonical field. */
export interface SourceValue {
  text: string;
  /** Source fields it came from (several after a join; none for a default). */
  sources: readonly string[];
  /** The source's own Date, kept until a transform rewrites the text, so no precision is lost. */
  instant?: Date;
}

export type SourceRead =
  { ok: true; values: SourceValue[] } | { ok: false; field: string; value: unknown };

/**
 * Values of the named source fields, in order. Absent, null and empty values are skipped;
 * an array contributes each element. A name missing from the payload that contains dots
 * is followed into nested objects (`BillingAddress.city`).
 */
export function readSourceFields(
  payload: Record<string, unknown>,
  fields: readonly string[],
): SourceRead {
  const values: SourceValue[] = [];
  for (const field of fields) {
    const raw = lookup(payload, field);
    for (const item of Array.isArray(raw) ? (raw as unknown[]) : [raw]) {
      if (item === null || item === undefined) continue;
      const value = sourceValueOf(item, field);
      if (value === undefined) return { ok: false, field, value: item };
      if (value.text !== '') values.push(value);
    }
  }
  return { ok: true, values };
}

function lookup(payload: Record<string, unknown>, field: string): unknown {
  if (Object.hasOwn(payload, field) || !field.includes('.')) return payload[field];
  let current: unknown = payload;
  for (const segment of field.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function sourceValueOf(item: unknown, field: string): SourceValue | undefined {
  switch (typeof item) {
    case 'string':
      return { text: item, sources: [field] };
    case 'number':
    case 'bigint':
    case 'boolean':
      return { text: String(item), sources: [field] };
    case 'object':
      if (item instanceof Date) {
        const text = Number.isNaN(item.getTime()) ? 'Invalid Date' : sourceDateText(item);
        return { text, sources: [field], instant: item };
      }
      return undefined;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
}
