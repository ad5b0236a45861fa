// class-transformer's @Type reads decorator metadata
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  Equals,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';

export const SALESFORCE_AUTH_FLOWS = ['jwt', 'refresh', 'clientCredentials', 'password'] as const;
export type SalesforceAuthFlow = (typeof SALESFORCE_AUTH_FLOWS)[number];

// A pattern rather than @IsUrl: it becomes `pattern` in the config's JSON Schema, which every
// editor understands, where IsUrl's `format: url` is not a standard JSON Schema format.
const HTTP_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?$/;
const HTTP_URL_MESSAGE = (property: string): string =>
  `${property} must be an http(s) URL such as https://login.salesforce.com`;

/** OAuth 2.0 JWT bearer: the server flow of a pre-approved connected app. */
export class SalesforceJwtAuthOptions {
  @Equals('jwt')
  flow!: 'jwt';

  /** The connected app's consumer key (the JWT issuer). */
  @IsString()
  @IsNotEmpty()
  clientId!: string;

  /** The user the integration acts as (the JWT subject). */
  @IsString()
  @IsNotEmpty()
  username!: string;

  /** PEM private key of the app's certificate; give it as `${file:...}`, config resolves it. */
  @IsString()
  @Matches(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, {
    message: 'privateKey must be a PEM private key',
  })
  privateKey!: string;
}

/** A refresh token issued to the connected app (it may be rotated on use). */
export class SalesforceRefreshAuthOptions {
  @Equals('refresh')
  flow!: 'refresh';

  @IsString()
  @IsNotEmpty()
  clientId!: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  clientSecret?: string;

  @IsString()
  @IsNotEmpty()
  refreshToken!: string;
}

/** The connected app's client credentials flow (runs as the app's execution user). */
export class SalesforceClientCredentialsAuthOptions {
  @Equals('clientCredentials')
  flow!: 'clientCredentials';

  @IsString()
  @IsNotEmpty()
  clientId!: string;

  @IsString()
  @IsNotEmpty()
  clientSecret!: string;
}

/** OAuth username-password flow: only against sandbox orgs (`sandbox: true`). */
export class SalesforcePasswordAuthOptions {
  @Equals('password')
  flow!: 'password';

  @IsString()
  @IsNotEmpty()
  clientId!: string;

  @IsString()
  @IsNotEmpty()
  clientSecret!: string;

  @IsString()
  @IsNotEmpty()
  username!: string;

  @IsString()
  @IsNotEmpty()
  password!: string;

  /** Appended to the password, as Salesforce expects outside trusted IP ranges. */
  @IsOptional()
  @IsString()
  securityToken?: string;

  /** A statement that the org is a sandbox; production orgs must use another flow. */
  @Equals(true, {
    message: 'the password flow is only allowed for sandbox orgs: set sandbox: true',
  })
  sandbox!: true;
}

export type SalesforceAuthOptions =
  | SalesforceJwtAuthOptions
  | SalesforceRefreshAuthOptions
  | SalesforceClientCredentialsAuthOptions
  | SalesforcePasswordAuthOptions;

/** One object to read: Account, Contact, Lead, or any custom `__c` object. */
export class SalesforceObjectOptions {
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_]*$/, { message: 'name must be an object API name' })
  name!: string;

  /**
   * Fields to select. Absent: every field the describe returns except compound ones (their
   * components are selected instead). Compound fields named here are expanded the same way.
   */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  @Matches(/^[A-Za-z][A-Za-z0-9_.]*$/, { each: true, message: 'fields must be field API names' })
  fields?: string[];

  /** A SOQL condition ANDed to every query of the object (`RecordType.Name = 'Customer'`). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  where?: string;
}

/** `apiReserve`: a count of calls (`5000`) or a share of the daily limit (`'10%'`). */
export type ApiReserve = number | `${number}%`;

/** `options` of a connector of type `salesforce`. Secrets arrive resolved; they are never logged. */
export class SalesforceConnectorOptions {
  /** Token endpoint host: https://login.salesforce.com, https://test.salesforce.com, or My Domain. */
  @IsString()
  @Matches(HTTP_URL, { message: HTTP_URL_MESSAGE('loginUrl') })
  loginUrl = 'https://login.salesforce.com';

  /** Overrides the instance URL the token endpoint returns (e.g. behind a proxy). */
  @IsOptional()
  @IsString()
  @Matches(HTTP_URL, { message: HTTP_URL_MESSAGE('instanceUrl') })
  instanceUrl?: string;

  /** REST API version, without the `v`. */
  @IsString()
  @Matches(/^\d{2}\.\d$/, { message: 'apiVersion must look like 62.0' })
  apiVersion = '62.0';

  @ValidateNested()
  @Type(() => SalesforceJwtAuthOptions, {
    discriminator: {
      property: 'flow',
      subTypes: [
        { value: SalesforceJwtAuthOptions, name: 'jwt' },
        { value: SalesforceRefreshAuthOptions, name: 'refresh' },
        { value: SalesforceClientCredentialsAuthOptions, name: 'clientCredentials' },
        { value: SalesforcePasswordAuthOptions, name: 'password' },
      ],
    },
    keepDiscriminatorProperty: true,
  })
  @ValidateBy({
    name: 'authFlow',
    validator: {
      validate: (value) =>
        typeof value === 'object' &&
        value !== null &&
        (SALESFORCE_AUTH_FLOWS as readonly unknown[]).includes((value as { flow?: unknown }).flow),
      defaultMessage: () => `auth.flow must be one of ${SALESFORCE_AUTH_FLOWS.join(', ')}`,
    },
  })
  auth!: SalesforceAuthOptions;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => SalesforceObjectOptions)
  @ValidateBy({
    name: 'uniqueObjects',
    validator: {
      validate: (value) =>
        Array.isArray(value) &&
        new Set(value.map((o) => String((o as { name?: unknown }).name).toLowerCase())).size ===
          value.length,
      defaultMessage: () => 'each object may be listed once',
    },
  })
  objects!: SalesforceObjectOptions[];

  /** Above this estimated record count an object is read by a Bulk API 2.0 query job. */
  @IsInt()
  @Min(0)
  bulkThreshold = 10_000;

  /** Each run re-reads this many seconds before its cursor (late commits, clock skew). */
  @IsInt()
  @Min(0)
  @Max(86_400)
  overlapSeconds = 300;

  /** Calls of the org's daily API limit left untouched: a count, or a percentage (`'10%'`). */
  @ValidateBy({
    name: 'apiReserve',
    validator: {
      validate: (value) =>
        (typeof value === 'number' && Number.isInteger(value) && value >= 0) ||
        (typeof value === 'string' && /^(100|[1-9]?\d)(\.\d+)?%$/.test(value)),
      defaultMessage: () => "apiReserve must be a count (5000) or a percentage ('10%')",
    },
  })
  apiReserve: ApiReserve = '10%';

  /** First wait between two polls of a Bulk query job; later waits grow to 10 times it. */
  @IsInt()
  @Min(10)
  pollIntervalMs = 2_000;

  /** A Bulk query job not complete after this long is aborted (a temporary failure). */
  @IsInt()
  @Min(1_000)
  bulkJobTimeoutMs = 30 * 60_000;

  /** One HTTP call taking longer is abandoned (a temporary failure). */
  @IsInt()
  @Min(1_000)
  requestTimeoutMs = 120_000;

  /** Ids per chunk of the full id listing (the full delete diff). */
  @IsInt()
  @Min(200)
  @Max(100_000)
  idChunkSize = 10_000;
}
