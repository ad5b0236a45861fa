import { Inject, Injectable } from '@nestjs/common';
import { type ResolvedSalesforceOptions } from '../salesforce-sandbox.options';
import { SALESFORCE_OPTIONS } from '../salesforce.tokens';
import { type SalesforceEndpoint } from './salesforce-endpoint';

export interface ApiUsage {
  readonly max: number;
  readonly used: number;
}

/** The org's daily API allowance and the calls seen per endpoint. */
@Injectable()
export class ApiUsageService {
  private max: number;
  private used: number;
  private readonly calls = new Map<SalesforceEndpoint, number>();

  constructor(@Inject(SALESFORCE_OPTIONS) options: ResolvedSalesforceOptions) {
    this.max = options.dailyApiLimit;
    this.used = options.initialApiUsage;
  }

  countCall(endpoint: SalesforceEndpoint): void {
    this.calls.set(endpoint, (this.calls.get(endpoint) ?? 0) + 1);
  }

  /** Takes one call from the allowance; false once it is spent. */
  tryConsume(): boolean {
    if (this.used >= this.max) return false;
    this.used++;
    return true;
  }

  usage(): ApiUsage {
    return { max: this.max, used: this.used };
  }

  set(limit: { max?: number; used?: number }): void {
    if (limit.max !== undefined) this.max = limit.max;
    if (limit.used !== undefined) this.used = limit.used;
  }

  /** `Sforce-Limit-Info` header value. */
  limitInfo(): string {
    return `api-usage=${this.used}/${this.max}`;
  }

  callCounts(): Partial<Record<SalesforceEndpoint, number>> {
    return Object.fromEntries(this.calls);
  }

  resetCallCounts(): void {
    this.calls.clear();
  }
}
