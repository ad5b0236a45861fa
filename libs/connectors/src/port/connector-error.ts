import { CodedError } from '@crosswalk/model';

/** How a connector failure should be handled; sync owns the retry policy per code. */
export enum ConnectorErrorCode {
  Temporary = 'CONNECTOR_TEMPORARY',
  RateLimited = 'CONNECTOR_RATE_LIMITED',
  Auth = 'CONNECTOR_AUTH',
  Permission = 'CONNECTOR_PERMISSION',
  NotFound = 'CONNECTOR_NOT_FOUND',
  CursorInvalid = 'CONNECTOR_CURSOR_INVALID',
  Config = 'CONNECTOR_CONFIG',
}

export class ConnectorError extends CodedError<ConnectorErrorCode> {
  /** Milliseconds the source asked us to wait (Retry-After), when it said. */
  get retryAfterMs(): number | undefined {
    const value = this.details['retryAfterMs'];
    return typeof value === 'number' ? value : undefined;
  }
}

/** Codes for records a connector rejects (stored with the quarantined record). */
export enum RecordRejectCode {
  Unparseable = 'RECORD_UNPARSEABLE',
  ColumnCount = 'RECORD_COLUMN_COUNT',
  Encoding = 'RECORD_ENCODING',
  MissingId = 'RECORD_MISSING_ID',
  DuplicateFile = 'FILE_DUPLICATE',
  EmptyFile = 'FILE_EMPTY',
}
