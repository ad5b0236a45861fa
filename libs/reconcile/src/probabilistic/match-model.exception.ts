import { CodedError } from '@crosswalk/model';

export enum MatchModelErrorCode {
  /** A model that does not fit the comparisons it is used with. */
  InvalidModel = 'MATCH_MODEL_INVALID',
  /** A pair decision that names no pair of the records being linked. */
  InvalidDecision = 'MATCH_DECISION_INVALID',
}

export class MatchModelException extends CodedError<MatchModelErrorCode> {}
