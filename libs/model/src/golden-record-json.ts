import { type GoldenRecord } from './customer';

const serialized = new WeakMap<GoldenRecord, string>();

/**
 * `JSON.stringify` of a golden record, computed once per record object: a page stores each
 * golden record in its customers row and publishes it in its change event, the same bytes
 * twice. Golden records are values, built whole by reconciliation and never changed after.
 */
export function goldenRecordJson(record: GoldenRecord): string {
  let json = serialized.get(record);
  if (json === undefined) {
    json = JSON.stringify(record);
    serialized.set(record, json);
  }
  return json;
}
