import { CodedError } from '../coded-error';

/** Why a value was refused by a normaliser. */
export enum ValidationCode {
  INVALID_EMAIL = 'INVALID_EMAIL',
  INVALID_PHONE = 'INVALID_PHONE',
  INVALID_COUNTRY = 'INVALID_COUNTRY',
  INVALID_DATE = 'INVALID_DATE',
  INVALID_TIMESTAMP = 'INVALID_TIMESTAMP',
  INVALID_WEBSITE = 'INVALID_WEBSITE',
  INVALID_IDENTIFIER = 'INVALID_IDENTIFIER',
  INVALID_KIND = 'INVALID_KIND',
  MISSING_REQUIRED = 'MISSING_REQUIRED',
  /** A field that does not apply to the record's kind (a birth date on an organization). */
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

/** Outcome of one normaliser: the canonical value, or why the input was refused. */
export type Normalised<T> =
  { ok: true; value: T } | { ok: false; code: ValidationCode; reason: string };

/**
 * `error`: the record cannot be taken as it is and goes to quarantine.
 * `warning`: the offending value is left out of the facts; the raw record keeps it.
 */
export type IssueSeverity = 'error' | 'warning';

/**
 * Which failures stop a record. A wrong e-mail or phone is an error because both are match
 * keys: a record taken without them could link to the wrong customer or miss the right one.
 * A missing kind or name leaves nothing to reconcile. The rest only lose one value.
 */
export const ISSUE_SEVERITY: Readonly<Record<ValidationCode, IssueSeverity>> = {
  [ValidationCode.INVALID_EMAIL]: 'error',
  [ValidationCode.INVALID_PHONE]: 'error',
  [ValidationCode.INVALID_KIND]: 'error',
  [ValidationCode.MISSING_REQUIRED]: 'error',
  [ValidationCode.INVALID_TIMESTAMP]: 'error',
  [ValidationCode.INVALID_COUNTRY]: 'warning',
  [ValidationCode.INVALID_DATE]: 'warning',
  [ValidationCode.INVALID_WEBSITE]: 'warning',
  [ValidationCode.INVALID_IDENTIFIER]: 'warning',
  [ValidationCode.NOT_APPLICABLE]: 'warning',
};

/** One problem found in a record's facts. */
export interface FieldIssue {
  /** Path in the facts as given, e.g. `emails[1]`, `addresses[0].country`, `kind`. */
  field: string;
  value: unknown;
  code: ValidationCode;
  severity: IssueSeverity;
  message: string;
}

export function hasErrors(issues: readonly { severity: IssueSeverity }[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

export function accepted<T>(value: T): Normalised<T> {
  return { ok: true, value };
}

export function refused<T>(code: ValidationCode, reason: string): Normalised<T> {
  return { ok: false, code, reason };
}

export enum ModelErrorCode {
  /** A default phone region that libphonenumber does not know: a configuration mistake. */
  INVALID_DEFAULT_REGION = 'INVALID_DEFAULT_REGION',
}

export class ModelError extends CodedError<ModelErrorCode> {}
