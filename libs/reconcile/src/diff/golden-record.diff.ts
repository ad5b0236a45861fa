import { CANONICAL_FIELDS, type CanonicalField, type GoldenRecord } from '@crosswalk/model';
import { type FieldChange } from '../reconcile.types';
import { canonicalJson } from '../support/canonical-json';

/** List fields are sets: an order that moved because a source was re-read is no change. */
const SET_FIELDS: ReadonlySet<CanonicalField> = new Set([
  'emails',
  'phones',
  'addresses',
  'identifiers',
]);

/**
 * The field-level changes from `before` (null: nothing published yet) to `after`: canonical
 * fields, then the set of linked sources and their deleted flags, the deleted flag and the
 * quality flags. Bookkeeping is left out on purpose (id, version, timestamps, each source's
 * lastSeenAt and the lineage), so a re-read that changes nothing else yields no change.
 */
export function diffGoldenRecords(before: GoldenRecord | null, after: GoldenRecord): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of CANONICAL_FIELDS) {
    const previous: unknown = before?.[field];
    const next: unknown = after[field];
    const same = SET_FIELDS.has(field)
      ? sameSet(previous, next)
      : sameValue(previous ?? null, next ?? null);
    if (!same) changes.push({ field, before: previous ?? null, after: next ?? null });
  }
  if (!sameSet(before?.sources.map(linkIdentity), after.sources.map(linkIdentity))) {
    changes.push({ field: 'sources', before: before?.sources ?? [], after: after.sources });
  }
  if ((before?.deleted ?? false) !== after.deleted) {
    changes.push({ field: 'deleted', before: before?.deleted ?? false, after: after.deleted });
  }
  if (canonicalJson(before?.quality ?? null) !== canonicalJson(after.quality)) {
    changes.push({ field: 'quality', before: before?.quality ?? null, after: after.quality });
  }
  return changes;
}

/** Canonical JSON equality; two strings (most scalar fields) are equal as they are. */
function sameValue(left: unknown, right: unknown): boolean {
  if (typeof left === 'string' && typeof right === 'string') return left === right;
  if (left === null && right === null) return true;
  return canonicalJson(left) === canonicalJson(right);
}

/** The same items in any order (repeats count), each compared as canonical JSON. */
function sameSet(left: unknown, right: unknown): boolean {
  const leftKeys = itemKeys(left);
  const rightKeys = itemKeys(right);
  return (
    leftKeys.length === rightKeys.length && leftKeys.every((key, index) => key === rightKeys[index])
  );
}

function itemKeys(list: unknown): string[] {
  const items = Array.isArray(list) ? (list as unknown[]) : [];
  return items.map((item) => canonicalJson(item)).sort();
}

function linkIdentity(link: GoldenRecord['sources'][number]): unknown {
  return [link.connector, link.object, link.externalId, link.deleted];
}
