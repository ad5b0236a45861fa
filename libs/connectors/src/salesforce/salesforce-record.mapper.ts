import { type RawSourceRecord, type RejectedRecord } from '../port/connector.port';
import { RecordRejectCode } from '../port/connector-error';
import { type FieldSelection } from './field-selection.resolver';
import { type KeysetPosition } from './soql.builder';

const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);

/** ISO 8601 UTC with milliseconds, whatever offset notation the source used (`+0000`, `Z`). */
export function toIsoUtc(value: string): string {
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(normalised);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/**
 * One field's value as the payload keeps it. REST (JSON) and Bulk (CSV, all text) give the
 * same value the same form, so the content hash does not see a change of path.
 */
export function normaliseValue(value: unknown, type: string | undefined): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') return value;
  if (type === 'boolean') return value.toLowerCase() === 'true';
  if (type === 'datetime') return toIsoUtc(value);
  if (type !== undefined && NUMBER_TYPES.has(type)) {
    const number = Number(value);
    return Number.isFinite(number) ? number : value;
  }
  return value;
}

/** A REST field value by its path: relationship fields (`Account.Name`) are nested objects there. */
function pathValue(record: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = record;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    const holder = value as Record<string, unknown>;
    const key =
      segment in holder
        ? segment
        : Object.keys(holder).find((k) => k.toLowerCase() === segment.toLowerCase());
    value = key === undefined ? null : holder[key];
  }
  return value;
}

export interface MappedRecords {
  records: RawSourceRecord[];
  rejected: RejectedRecord[];
  /** Where the last record sits in (SystemModstamp, Id) order. */
  last: KeysetPosition | null;
}

/** Builds the payload of the selected fields from a getter, and the source record around it. */
function toRecord(
  selection: FieldSelection,
  get: (field: string) => unknown,
  raw: () => string,
  rejected: RejectedRecord[],
): RawSourceRecord | undefined {
  const payload: Record<string, unknown> = {};
  for (const name of selection.fields)
    payload[name] = normaliseValue(get(name), selection.types.get(name));
  const id = payload['Id'];
  if (typeof id !== 'string' || id === '') {
    rejected.push({
      object: selection.object,
      code: RecordRejectCode.MissingId,
      reason: 'the record has no Id',
      raw: raw(),
    });
    return undefined;
  }
  const stamp = payload['SystemModstamp'];
  return {
    object: selection.object,
    externalId: id,
    payload,
    ...(typeof stamp === 'string' ? { modifiedAt: stamp } : {}),
    deleted: payload['IsDeleted'] === true,
  };
}

function lastPosition(records: readonly RawSourceRecord[]): KeysetPosition | null {
  const last = records[records.length - 1];
  return last?.modifiedAt ? { ts: last.modifiedAt, id: last.externalId } : null;
}

/** Records of a REST query batch (JSON objects with `attributes` and nested relationships). */
export function mapRestRecords(
  selection: FieldSelection,
  rows: readonly Readonly<Record<string, unknown>>[],
): MappedRecords {
  const records: RawSourceRecord[] = [];
  const rejected: RejectedRecord[] = [];
  for (const row of rows) {
    const record = toRecord(
      selection,
      (name) => pathValue(row, name),
      () => JSON.stringify(row),
      rejected,
    );
    if (record) records.push(record);
  }
  return { records, rejected, last: lastPosition(records) };
}

/** Records of a parsed Bulk CSV page (header-keyed text rows). */
export function mapCsvRecords(
  selection: FieldSelection,
  rows: readonly Readonly<Record<string, string>>[],
): Pick<MappedRecords, 'records' | 'rejected'> {
  const records: RawSourceRecord[] = [];
  const rejected: RejectedRecord[] = [];
  const first = rows[0];
  const headerOf = new Map<string, string>();
  if (first) {
    for (const header of Object.keys(first)) headerOf.set(header.toLowerCase(), header);
  }
  for (const row of rows) {
    const record = toRecord(
      selection,
      (name) => row[headerOf.get(name.toLowerCase()) ?? name],
      () => JSON.stringify(row),
      rejected,
    );
    if (record) records.push(record);
  }
  return { records, rejected };
}
