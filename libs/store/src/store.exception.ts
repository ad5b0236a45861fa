import { CodedError } from '@crosswalk/model';

export enum StoreErrorCode {
  /** A paging cursor this store did not issue (the HTTP layer answers 400). */
  InvalidCursor = 'STORE_INVALID_CURSOR',
  /** A value the column's type cannot hold, found as a page's rows were encoded for COPY. */
  InvalidColumnValue = 'STORE_INVALID_COLUMN_VALUE',
}

export class StoreException extends CodedError<StoreErrorCode> {}
