import { CodedError } from '@crosswalk/model';

/** Why an operator's command was refused; the HTTP layer maps each to a status. */
export enum CurationErrorCode {
  /** No customer, not even an absorbed one, has this id. */
  CustomerNotFound = 'CURATION_CUSTOMER_NOT_FOUND',
  ReviewNotFound = 'CURATION_REVIEW_NOT_FOUND',
  /** The review was accepted, rejected or superseded already. */
  ReviewDecided = 'CURATION_REVIEW_DECIDED',
  /** Not a field that can be pinned. */
  InvalidField = 'CURATION_INVALID_FIELD',
  /** The value does not normalise for its field. */
  InvalidValue = 'CURATION_INVALID_VALUE',
  /** A split that names no record, a record of another customer, or all of them. */
  InvalidSplit = 'CURATION_INVALID_SPLIT',
  /** The id given to unmerge was never absorbed by this customer. */
  NotAbsorbed = 'CURATION_NOT_ABSORBED',
}

export class CurationException extends CodedError<CurationErrorCode> {}
