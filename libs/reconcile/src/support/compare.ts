import { type SourceKey } from '@crosswalk/model';

/** Code-unit order: the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Connector, then object, then external id: the stable tie-break between source records. */
export function compareSourceKeys(a: SourceKey, b: SourceKey): number {
  return (
    compareStrings(a.connector, b.connector) ||
    compareStrings(a.object, b.object) ||
    compareStrings(a.externalId, b.externalId)
  );
}

/** An unambiguous map key for a source record, whatever characters its parts contain. */
export function sourceKeyId(key: SourceKey): string {
  return JSON.stringify([key.connector, key.object, key.externalId]);
}
