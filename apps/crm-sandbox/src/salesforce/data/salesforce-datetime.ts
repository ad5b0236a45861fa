/** REST JSON datetimes: `2026-01-01T00:00:00.000+0000`. */
export function formatRestDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

/** Bulk API 2.0 CSV datetimes: `2026-01-01T00:00:00.000Z`. */
export function formatCsvDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * Parses a datetime given in a URL parameter (updated/deleted windows). Query strings turn an
 * unencoded `+` of an offset into a space; put it back.
 */
export function parseUrlDateTime(raw: string): number | undefined {
  const text = raw.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) return undefined;
  const normalised = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(normalised) ? normalised : `${normalised}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
