import { CodedError } from '@crosswalk/model';

export enum SyntheticErrorCode {
  /** Options that leave nothing to generate from (no countries, an empty pool). */
  InvalidOptions = 'SYNTHETIC_INVALID_OPTIONS',
}

export class SyntheticException extends CodedError<SyntheticErrorCode> {}
