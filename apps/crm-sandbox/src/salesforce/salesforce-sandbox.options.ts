import { generateKeyPairSync } from 'node:crypto';
import { type SObjectFieldType } from './schema/sobject-schema';

/** Kinds of generated value a declared custom field can ask for. */
export type GeneratedValueKind =
  | 'erpNumber'
  | 'vatNumber'
  | 'companyName'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'website'
  | 'city'
  | 'country'
  | 'word'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime';

export type SeedFieldValue = string | number | boolean | null;

export interface CustomFieldSpec {
  /** API name, ending in `__c`. */
  name: string;
  type: Exclude<SObjectFieldType, 'id' | 'address' | 'reference'>;
  label?: string;
  /** How seeded records fill it (defaults from the type). */
  generator?: GeneratedValueKind;
  externalId?: boolean;
}

export interface CustomObjectSpec {
  /** API name, ending in `__c`. */
  name: string;
  label?: string;
  /** Number of generated records. */
  count: number;
  fields: CustomFieldSpec[];
}

/** A record to include verbatim (e.g. to overlap with demo ERP data); system fields are added. */
export interface SalesforceSeedRecord {
  object: string;
  fields: Record<string, SeedFieldValue>;
}

export interface ConnectedAppSpec {
  consumerKey: string;
  consumerSecret: string;
  /** PEM certificate or public key that verifies JWT bearer assertions (RS256). */
  certificate?: string;
  /** User that client-credentials tokens run as. */
  runAsUsername?: string;
}

export interface SalesforceUserSpec {
  username: string;
  password: string;
}

export interface SalesforceSandboxOptions {
  /** Generated records per standard object (Account, Contact, Lead). Default 100 / 200 / 50. */
  records?: Partial<Record<string, number>>;
  /** Extra custom fields on standard objects, e.g. `{ Account: [{ name: 'Segment__c', type: 'string' }] }`. */
  customFields?: Partial<Record<string, CustomFieldSpec[]>>;
  customObjects?: CustomObjectSpec[];
  /** Records included verbatim after the generated ones. */
  includeRecords?: SalesforceSeedRecord[];
  /** Share of generated records carrying dirty values (local phone formats, country names, stray whitespace, bad e-mails). Default 0.2. */
  dirtyRate?: number;
  /** Generated records share SystemModstamp in groups of this size (deliberate ties). Default 3. */
  tieGroupSize?: number;
  /** Highest API version served, e.g. '62.0'. */
  apiVersion?: string;
  dailyApiLimit?: number;
  initialApiUsage?: number;
  /** 'sandbox' allows the username-password flow; 'production' refuses it. Default 'sandbox'. */
  orgType?: 'sandbox' | 'production';
  connectedApps?: ConnectedAppSpec[];
  users?: SalesforceUserSpec[];
  /** Extra accepted JWT audiences besides the sandbox's own URL. */
  jwtAudiences?: string[];
  accessTokenTtlSeconds?: number;
  /** Issue a new refresh token on every refresh (and revoke the old one). Default false. */
  rotateRefreshTokens?: boolean;
  /** Status polls a Bulk query job takes to reach JobComplete (UploadComplete -> InProgress -> JobComplete). Default 2. */
  bulkPollsUntilComplete?: number;
  /** Page size of Bulk results when the client sends no maxRecords. Default 50,000. */
  bulkDefaultMaxRecords?: number;
}

export const DEFAULT_CONSUMER_KEY = 'crm-sandbox-consumer-key';
export const DEFAULT_CONSUMER_SECRET = 'crm-sandbox-consumer-secret';
export const DEFAULT_USERNAME = 'integration@crm-sandbox.test';
export const DEFAULT_PASSWORD = 'sandbox-password';

export interface ResolvedSalesforceOptions {
  seed: number;
  records: Record<string, number>;
  customFields: Partial<Record<string, CustomFieldSpec[]>>;
  customObjects: CustomObjectSpec[];
  includeRecords: SalesforceSeedRecord[];
  dirtyRate: number;
  tieGroupSize: number;
  apiVersion: string;
  dailyApiLimit: number;
  initialApiUsage: number;
  orgType: 'sandbox' | 'production';
  connectedApps: ConnectedAppSpec[];
  users: SalesforceUserSpec[];
  jwtAudiences: string[];
  accessTokenTtlSeconds: number;
  rotateRefreshTokens: boolean;
  bulkPollsUntilComplete: number;
  bulkDefaultMaxRecords: number;
  /** PEM private key generated for connected apps declared without a certificate. */
  generatedPrivateKey: string | undefined;
}

export function resolveSalesforceOptions(
  seed: number,
  options: SalesforceSandboxOptions,
): ResolvedSalesforceOptions {
  const apps = options.connectedApps ?? [
    { consumerKey: DEFAULT_CONSUMER_KEY, consumerSecret: DEFAULT_CONSUMER_SECRET },
  ];
  // one key pair for every app declared without a certificate; tests sign their JWTs with it
  const generated = apps.some((app) => !app.certificate) ? generateSigningKeys() : undefined;
  return {
    generatedPrivateKey: generated?.privateKey,
    seed,
    records: { Account: 100, Contact: 200, Lead: 50, ...stripUndefined(options.records ?? {}) },
    customFields: options.customFields ?? {},
    customObjects: options.customObjects ?? [],
    includeRecords: options.includeRecords ?? [],
    dirtyRate: options.dirtyRate ?? 0.2,
    tieGroupSize: Math.max(1, options.tieGroupSize ?? 3),
    apiVersion: options.apiVersion ?? '62.0',
    dailyApiLimit: options.dailyApiLimit ?? 100_000,
    initialApiUsage: options.initialApiUsage ?? 0,
    orgType: options.orgType ?? 'sandbox',
    connectedApps: apps.map((app) => ({
      ...app,
      certificate: app.certificate ?? generated?.publicKey,
    })),
    users: options.users ?? [{ username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD }],
    jwtAudiences: options.jwtAudiences ?? [],
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 7200,
    rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    bulkPollsUntilComplete: Math.max(0, options.bulkPollsUntilComplete ?? 2),
    bulkDefaultMaxRecords: options.bulkDefaultMaxRecords ?? 50_000,
  };
}

function stripUndefined(counts: Partial<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(counts)) if (value !== undefined) out[key] = value;
  return out;
}

function generateSigningKeys(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}
