import { CodedError } from '@crosswalk/model';

/** `error` values of the token endpoint (OAuth 2.0, RFC 6749 section 5.2, plus Salesforce's own). */
export enum OAuthErrorCode {
  InvalidGrant = 'invalid_grant',
  InvalidClient = 'invalid_client',
  InvalidClientId = 'invalid_client_id',
  InvalidRequest = 'invalid_request',
  UnsupportedGrantType = 'unsupported_grant_type',
}

/** A refused token request: HTTP 400 with `{ error, error_description }`. */
export class OAuthError extends CodedError<OAuthErrorCode> {
  readonly status = 400;

  toBody(): { error: string; error_description: string } {
    return { error: this.code, error_description: this.message };
  }
}
