import { Inject, Injectable } from '@nestjs/common';
import { type SandboxClock } from '../../common/sandbox-clock';
import { OAuthTokenService } from '../auth/oauth-token.service';
import { SessionRegistry } from '../auth/session-registry.service';
import { RecordStore } from '../data/record-store.service';
import { type RecordValues } from '../data/record-values';
import { ApiUsageService, type ApiUsage } from '../gate/api-usage.service';
import { FaultInjector, type FaultRule, type FaultRuleInput } from '../gate/fault-injector.service';
import { type SalesforceEndpoint } from '../gate/salesforce-endpoint';
import { SObjectsService } from '../rest/sobjects.service';
import { type ResolvedSalesforceOptions, type SeedFieldValue } from '../salesforce-sandbox.options';
import { SALESFORCE_OPTIONS, SANDBOX_CLOCK } from '../salesforce.tokens';
import { SchemaRegistry } from '../schema/schema-registry.service';

export interface SalesforceCredentials {
  consumerKey: string;
  consumerSecret: string;
  username: string;
  password: string;
  /** PEM private key that signs JWT bearer assertions for the default connected app (when generated). */
  privateKey: string | undefined;
}

/** What tests steer in the Salesforce sandbox; nothing here is part of Salesforce's API. */
@Injectable()
export class SalesforceSandboxControl {
  constructor(
    @Inject(SALESFORCE_OPTIONS) private readonly options: ResolvedSalesforceOptions,
    @Inject(SANDBOX_CLOCK) private readonly sandboxClock: SandboxClock,
    private readonly tokens: OAuthTokenService,
    private readonly sessions: SessionRegistry,
    private readonly usage: ApiUsageService,
    private readonly faults: FaultInjector,
    private readonly schemas: SchemaRegistry,
    private readonly store: RecordStore,
    private readonly sobjects: SObjectsService,
  ) {}

  credentials(): SalesforceCredentials {
    const app = this.options.connectedApps[0];
    const user = this.options.users[0];
    return {
      consumerKey: app?.consumerKey ?? '',
      consumerSecret: app?.consumerSecret ?? '',
      username: user?.username ?? '',
      password: user?.password ?? '',
      privateKey: this.options.generatedPrivateKey,
    };
  }

  // --- sessions
  issueRefreshToken(username?: string, consumerKey?: string): string {
    return this.tokens.grantRefreshToken(username, consumerKey);
  }

  /** Every access token becomes invalid (the next call gets 401 INVALID_SESSION_ID); returns how many. */
  expireAccessTokens(): number {
    return this.sessions.expireAll();
  }

  revokeRefreshTokens(): void {
    this.sessions.revokeAllRefreshTokens();
  }

  // --- limits and counters
  apiUsage(): ApiUsage {
    return this.usage.usage();
  }

  setApiUsage(limit: { max?: number; used?: number }): ApiUsage {
    this.usage.set(limit);
    return this.usage.usage();
  }

  callCounts(): Partial<Record<SalesforceEndpoint, number>> {
    return this.usage.callCounts();
  }

  resetCallCounts(): void {
    this.usage.resetCallCounts();
  }

  // --- faults
  injectFault(rule: FaultRuleInput): FaultRule {
    return this.faults.inject(rule);
  }

  faultRules(): FaultRule[] {
    return this.faults.list();
  }

  removeFault(id: string): boolean {
    return this.faults.remove(id);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // --- clock
  now(): Date {
    return this.sandboxClock.now();
  }

  advanceClock(ms: number): Date {
    this.sandboxClock.advance(ms);
    return this.sandboxClock.now();
  }

  setClock(at: Date): Date {
    this.sandboxClock.set(at);
    return this.sandboxClock.now();
  }

  /** While frozen, every write shares one SystemModstamp. */
  freezeClock(): Date {
    this.sandboxClock.freeze();
    return this.sandboxClock.now();
  }

  resumeClock(): Date {
    this.sandboxClock.resume();
    return this.sandboxClock.now();
  }

  // --- schema drift
  renameField(objectName: string, from: string, to: string): void {
    this.schemas.renameField(objectName, from, to);
  }

  removeField(objectName: string, fieldName: string): void {
    this.schemas.removeField(objectName, fieldName);
  }

  // --- data (the same rules as the REST writes, without using the API allowance)
  createRecord(objectName: string, fields: Record<string, SeedFieldValue>): string {
    return this.sobjects.create(objectName, fields).id;
  }

  updateRecord(objectName: string, id: string, fields: Record<string, SeedFieldValue>): void {
    this.sobjects.update(objectName, id, fields);
  }

  deleteRecord(objectName: string, id: string): void {
    this.sobjects.delete(objectName, id);
  }

  /** Stored values by current field name, deleted records included; undefined for an unknown id. */
  getRecord(objectName: string, id: string): Record<string, SeedFieldValue> | undefined {
    const schema = this.schemas.require(objectName);
    const index = this.store.indexOf(schema, id);
    if (index === undefined) return undefined;
    return this.byFieldName(objectName, this.store.values(schema, index), id);
  }

  /** Ids in store order (the order of generation, then creation). */
  recordIds(objectName: string, options: { includeDeleted?: boolean } = {}): string[] {
    const schema = this.schemas.require(objectName);
    const ids: string[] = [];
    for (let index = 0; index < this.store.size(schema); index++) {
      if (!options.includeDeleted && this.store.values(schema, index).IsDeleted === true) continue;
      ids.push(this.store.idAt(schema, index));
    }
    return ids;
  }

  recordCount(objectName: string, options: { includeDeleted?: boolean } = {}): number {
    return this.recordIds(objectName, options).length;
  }

  private byFieldName(
    objectName: string,
    values: RecordValues,
    id: string,
  ): Record<string, SeedFieldValue> {
    const schema = this.schemas.require(objectName);
    const out: Record<string, SeedFieldValue> = { Id: id };
    for (const field of schema.fields) {
      if (field.type === 'address' || field.type === 'id' || field.derivedFrom) continue;
      const value = values[field.storageKey] ?? null;
      out[field.name] =
        field.type === 'datetime' && typeof value === 'number'
          ? new Date(value).toISOString()
          : value;
    }
    return out;
  }
}
