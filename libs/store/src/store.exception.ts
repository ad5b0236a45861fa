import { CodedError } from '@crosswalk/model';

export enum StoreErrorCode {
  /** A paging cursor this store did not issue (the HTTP layer answers 400). */
  InvalidCursor = 'STORE_INVALID_CURSOR',
}

export class StoreException extends CodedError<StoreErrorCode> {}
