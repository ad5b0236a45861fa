import { CANONICAL_FIELDS, type CanonicalField, type FieldLineage } from '@crosswalk/model';
import { ReconcileErrorCode, ReconcileException } from '../reconcile.exception';
import { type FieldOverride } from '../reconcile.types';
import { canonicalJson } from '../support/canonical-json';
import { compareStrings } from '../support/compare';
import { timestampMs } from '../support/timestamp';
import { isListField } from './field-values';

/** Where an override's lineage points: no source system, the operator who pinned it. */
export const OVERRIDE_LINEAGE_CONNECTOR = 'crosswalk';
export const OVERRIDE_LINEAGE_OBJECT = 'override';

/** The lineage of a pinned field: one entry naming who pinned it and when. */
export function overrideLineage(pin: FieldOverride): FieldLineage {
  return {
    connector: OVERRIDE_LINEAGE_CONNECTOR,
    object: OVERRIDE_LINEAGE_OBJECT,
    externalId: pin.pinnedBy,
    rule: 'manual-override',
    observedAt: pin.pinnedAt,
  };
}

/**
 * The pins of a survivor after a merge: its own pins stay; for each field it does not pin, the
 * newest absorbed pin (pinnedAt, then pinnedBy, then the value, so the result never depends on
 * the order of `absorbed`). Sorted in canonical field order.
 */
export function mergeFieldOverrides(
  survivor: readonly FieldOverride[],
  absorbed: readonly FieldOverride[],
): FieldOverride[] {
  const byField = new Map<CanonicalField, FieldOverride>();
  for (const pin of survivor) byField.set(pin.field, pin);
  const taken = new Map<CanonicalField, FieldOverride>();
  for (const pin of absorbed) {
    if (byField.has(pin.field)) continue;
    const current = taken.get(pin.field);
    if (current === undefined || compareNewestFirst(pin, current) < 0) taken.set(pin.field, pin);
  }
  for (const [field, pin] of taken) byField.set(field, pin);
  return sortedOverrides([...byField.values()]);
}

/** Pins in canonical field order: equal sets of pins compare and serialise equal. */
export function sortedOverrides(overrides: readonly FieldOverride[]): FieldOverride[] {
  return [...overrides].sort(
    (a, b) => CANONICAL_FIELDS.indexOf(a.field) - CANONICAL_FIELDS.indexOf(b.field),
  );
}

/** Refuses pins a golden record could not hold: a caller bug, never a data problem. */
export function assertOverrides(customerId: string, overrides: readonly FieldOverride[]): void {
  const seen = new Set<CanonicalField>();
  for (const pin of overrides) {
    const problem = overrideProblem(pin, seen);
    if (problem !== undefined) {
      throw new ReconcileException(
        ReconcileErrorCode.InvalidOverride,
        `override of ${String(pin.field)} on customer ${customerId}: ${problem}`,
        { customerId, field: pin.field },
      );
    }
    seen.add(pin.field);
    timestampMs(pin.pinnedAt, `pinnedAt of the ${pin.field} override on ${customerId}`);
  }
}

function overrideProblem(
  pin: FieldOverride,
  seen: ReadonlySet<CanonicalField>,
): string | undefined {
  const field: string = pin.field;
  if (!(CANONICAL_FIELDS as readonly string[]).includes(field) || field === 'kind') {
    return 'not a field that can be pinned';
  }
  if (seen.has(pin.field)) return 'the field is pinned twice';
  if (pin.pinnedBy.trim() === '') return 'pinnedBy is empty';
  const value: unknown = pin.value;
  if (isListField(pin.field)) return Array.isArray(value) ? undefined : 'a list field takes a list';
  if (value === undefined) return undefined;
  if (pin.field === 'organization') {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? undefined
      : 'organization takes an object';
  }
  return typeof value === 'string' ? undefined : `${field} takes a string`;
}

function compareNewestFirst(a: FieldOverride, b: FieldOverride): number {
  return (
    timestampMs(b.pinnedAt, 'pinnedAt') - timestampMs(a.pinnedAt, 'pinnedAt') ||
    compareStrings(a.pinnedBy, b.pinnedBy) ||
    compareStrings(canonicalJson(a.value ?? null), canonicalJson(b.value ?? null))
  );
}
