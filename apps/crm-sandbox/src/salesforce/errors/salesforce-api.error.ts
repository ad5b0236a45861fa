import { CodedError } from '@crosswalk/model';

/** errorCode values Salesforce puts in its REST error bodies, as far as the sandbox produces them. */
export enum SalesforceErrorCode {
  MalformedQuery = 'MALFORMED_QUERY',
  InvalidField = 'INVALID_FIELD',
  InvalidQueryFilterOperator = 'INVALID_QUERY_FILTER_OPERATOR',
  InvalidType = 'INVALID_TYPE',
  InvalidSessionId = 'INVALID_SESSION_ID',
  RequestLimitExceeded = 'REQUEST_LIMIT_EXCEEDED',
  InvalidQueryLocator = 'INVALID_QUERY_LOCATOR',
  NotFound = 'NOT_FOUND',
  EntityIsDeleted = 'ENTITY_IS_DELETED',
  InvalidReplicationDate = 'INVALID_REPLICATION_DATE',
  ExceededIdLimit = 'EXCEEDED_ID_LIMIT',
  JsonParserError = 'JSON_PARSER_ERROR',
  InvalidFieldForInsertUpdate = 'INVALID_FIELD_FOR_INSERT_UPDATE',
  RequiredFieldMissing = 'REQUIRED_FIELD_MISSING',
  MalformedId = 'MALFORMED_ID',
  ApiError = 'API_ERROR',
  InvalidJobState = 'INVALIDJOBSTATE',
  ServerUnavailable = 'SERVER_UNAVAILABLE',
  UnknownException = 'UNKNOWN_EXCEPTION',
}

/** One failed Salesforce API call: rendered as HTTP `status` with body `[{ message, errorCode, fields? }]`. */
export class SalesforceApiError extends CodedError<SalesforceErrorCode> {
  constructor(
    readonly status: number,
    code: SalesforceErrorCode,
    message: string,
    readonly fields?: readonly string[],
  ) {
    super(code, message);
  }

  toBody(): Array<{ message: string; errorCode: string; fields?: readonly string[] }> {
    return [
      {
        message: this.message,
        errorCode: this.code,
        ...(this.fields ? { fields: this.fields } : {}),
      },
    ];
  }

  static badRequest(
    code: SalesforceErrorCode,
    message: string,
    fields?: readonly string[],
  ): SalesforceApiError {
    return new SalesforceApiError(400, code, message, fields);
  }

  static notFound(message = 'The requested resource does not exist'): SalesforceApiError {
    return new SalesforceApiError(404, SalesforceErrorCode.NotFound, message);
  }

  static invalidSession(): SalesforceApiError {
    return new SalesforceApiError(
      401,
      SalesforceErrorCode.InvalidSessionId,
      'Session expired or invalid',
    );
  }

  static requestLimitExceeded(): SalesforceApiError {
    return new SalesforceApiError(
      403,
      SalesforceErrorCode.RequestLimitExceeded,
      'TotalRequests Limit exceeded.',
    );
  }
}
