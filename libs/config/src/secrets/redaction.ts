import { type CrosswalkConfig } from '../crosswalk-config.types';
import { isSecretKey, REDACTED, redactUrlPasswords } from './secret-rules';

/** A JSON value safe to print. */
export type RedactedValue =
  string | number | boolean | null | RedactedValue[] | { [key: string]: RedactedValue };

/**
 * The configuration as it may be logged or shown by `crosswalk validate-config`: values under
 * secret-named keys become ***, so do passwords inside URLs; a compiled mapping is shown as
 * its file.
 */
export function redacted(config: CrosswalkConfig): { [key: string]: RedactedValue } {
  return {
    file: config.file,
    store: redactValue(config.store),
    events: redactValue(config.events),
    normalisation: redactValue(config.normalisation),
    reconcile: redactValue(config.reconcile),
    http: redactValue(config.http),
    connectors: config.connectors.map((connector) => ({
      name: connector.name,
      type: connector.type,
      ...(connector.schedule !== undefined && { schedule: connector.schedule }),
      pageSize: connector.pageSize,
      enabled: connector.enabled,
      mapping: connector.mappingFile,
      options: redactValue(connector.options),
      source: `${connector.source.file}:${connector.source.line}`,
    })),
  };
}

/** Any value, with the same rules: usable on a connector's options alone. */
export function redactValue(value: unknown): RedactedValue {
  if (typeof value === 'string') return redactUrlPasswords(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(redactValue);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const result: { [key: string]: RedactedValue } = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function') continue;
      result[key] =
        isSecretKey(key) && (isPrimitive(item) || Array.isArray(item))
          ? REDACTED
          : redactValue(item);
    }
    return result;
  }
  return null;
}

function isPrimitive(value: unknown): boolean {
  return value !== null && typeof value !== 'object';
}
