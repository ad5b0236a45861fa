import {
  CANONICAL_FIELDS,
  type CanonicalField,
  type CustomerFacts,
  type CustomerFactsInput,
  type CustomerKind,
  normaliseFacts,
} from '@crosswalk/model';
import { type FieldOverride } from '@crosswalk/reconcile';
import { CurationErrorCode, CurationException } from './curation.exception';

export type PinnableField = FieldOverride['field'];

/** `kind` decides which fields apply at all: it follows the sources and is never pinned. */
export const PINNABLE_FIELDS = CANONICAL_FIELDS.filter(
  (field): field is PinnableField => field !== 'kind',
);

const LIST_FIELDS = new Set<CanonicalField>(['emails', 'phones', 'addresses', 'identifiers']);

export function pinnableField(field: string): PinnableField {
  const pinnable = PINNABLE_FIELDS.find((name) => name === field);
  if (pinnable === undefined) {
    throw new CurationException(
      CurationErrorCode.InvalidField,
      `'${field}' cannot be pinned; pinnable fields: ${PINNABLE_FIELDS.join(', ')}`,
      { field },
    );
  }
  return pinnable;
}

/**
 * An operator's value for a field, normalised as a source value would be (an e-mail lower-cased,
 * a phone in E.164...), so a pin and a source agree on what equal means. A single value is
 * taken for a list field; any issue the normaliser raises refuses the value.
 */
export function parsePinnedValue(
  field: PinnableField,
  raw: unknown,
  kind: CustomerKind,
  defaultRegion: string,
): FieldOverride['value'] {
  const given = LIST_FIELDS.has(field) && !Array.isArray(raw) ? [raw] : raw;
  const input = { kind, [field]: given } as CustomerFactsInput;
  let normalised: { facts: CustomerFacts; issues: { message: string; field: string }[] };
  try {
    normalised = normaliseFacts(input, { defaultRegion });
  } catch (error) {
    throw invalid(field, error instanceof Error ? error.message : String(error));
  }
  // The input holds this one field: issues about the record as a whole (a person without a
  // name) say nothing about the value.
  const issue = normalised.issues.find((candidate) => isAbout(candidate.field, field));
  if (issue !== undefined) throw invalid(field, `${issue.field}: ${issue.message}`);
  const value = normalised.facts[field];
  const empty = value === undefined || (Array.isArray(value) && value.length === 0);
  if (empty) throw invalid(field, 'the value is empty (to stop pinning a field, unpin it)');
  return value;
}

function isAbout(issueField: string, field: string): boolean {
  return (
    issueField === field || issueField.startsWith(`${field}[`) || issueField.startsWith(`${field}.`)
  );
}

function invalid(field: string, reason: string): CurationException {
  return new CurationException(CurationErrorCode.InvalidValue, `${field}: ${reason}`, { field });
}
