import { type IssueSeverity, type ValidationCode } from '@crosswalk/model';

export enum MappingIssueCode {
  /** The payload's object has no mapping. */
  UNMAPPED_OBJECT = 'UNMAPPED_OBJECT',
  /** A source field holds a nested object where text was expected. */
  UNSUPPORTED_VALUE = 'UNSUPPORTED_VALUE',
}

/** A problem with one record: why it cannot be taken (error) or what was left out of it (warning). */
export interface MappingIssue {
  code: ValidationCode | MappingIssueCode;
  severity: IssueSeverity;
  /** Canonical field as the mapping names it: `emails`, `addresses[0].country`, `externalId`. */
  field: string;
  /** Source fields the offending value came from; empty for a default or a missing value. */
  sourceFields: string[];
  value: unknown;
  message: string;
}
