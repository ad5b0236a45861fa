import { Inject, Injectable } from '@nestjs/common';
import { hashSeed, SeededRandom } from '../../common/seeded-random';
import { type ResolvedSalesforceOptions } from '../salesforce-sandbox.options';
import { SALESFORCE_OPTIONS } from '../salesforce.tokens';
import { endpointMatches, type SalesforceEndpoint } from './salesforce-endpoint';

/**
 * unavailable: 503 SERVER_UNAVAILABLE; server-error: 500 UNKNOWN_EXCEPTION; too-many-requests: 429;
 * request-limit: 403 REQUEST_LIMIT_EXCEEDED; invalid-session: every token expires, then 401
 * INVALID_SESSION_ID; latency: the call waits latencyMs, then proceeds; drop-connection: the socket is destroyed.
 */
export type FaultKind =
  | 'unavailable'
  | 'server-error'
  | 'too-many-requests'
  | 'request-limit'
  | 'invalid-session'
  | 'latency'
  | 'drop-connection';

export const FAULT_KINDS: readonly FaultKind[] = [
  'unavailable',
  'server-error',
  'too-many-requests',
  'request-limit',
  'invalid-session',
  'latency',
  'drop-connection',
];

export interface FaultRuleInput {
  /** Endpoint name or glob (`query`, `bulk.*`, `*`). */
  endpoint: string;
  kind: FaultKind;
  /** Share of matching calls hit, 0..1, drawn from a PRNG seeded by the sandbox seed. Default 1. */
  rate?: number;
  /** Hit at most this many calls, then the rule retires ("fail the next N calls"). */
  times?: number;
  /** Let this many matching calls through before the rule starts. */
  skip?: number;
  /** Delay for `latency` (default 1000 ms). */
  latencyMs?: number;
}

export interface FaultRule extends Required<Omit<FaultRuleInput, 'times'>> {
  readonly id: string;
  times: number | undefined;
  /** Calls the rule has hit so far. */
  hits: number;
}

export interface FaultDecision {
  readonly latencyMs: number;
  /** The fault that ends the call, if any. */
  readonly terminal: Exclude<FaultKind, 'latency'> | undefined;
}

/** Fault rules per endpoint, deterministic for a given seed and call sequence. */
@Injectable()
export class FaultInjector {
  private rules: Array<{ rule: FaultRule; random: SeededRandom }> = [];
  private nextId = 1;

  constructor(@Inject(SALESFORCE_OPTIONS) private readonly options: ResolvedSalesforceOptions) {}

  inject(input: FaultRuleInput): FaultRule {
    if (!FAULT_KINDS.includes(input.kind))
      throw new RangeError(`unknown fault kind ${String(input.kind)}`);
    const id = `fault-${this.nextId++}`;
    const rule: FaultRule = {
      id,
      endpoint: input.endpoint,
      kind: input.kind,
      rate: input.rate ?? 1,
      times: input.times,
      skip: input.skip ?? 0,
      latencyMs: input.latencyMs ?? 1000,
      hits: 0,
    };
    this.rules.push({ rule, random: new SeededRandom(hashSeed(this.options.seed, id)) });
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((entry) => ({ ...entry.rule }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((entry) => entry.rule.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  decide(endpoint: SalesforceEndpoint): FaultDecision {
    let latencyMs = 0;
    let terminal: FaultDecision['terminal'];
    for (const entry of this.rules) {
      const { rule, random } = entry;
      if (!endpointMatches(rule.endpoint, endpoint)) continue;
      if (rule.skip > 0) {
        rule.skip--;
        continue;
      }
      if (terminal && rule.kind !== 'latency') continue;
      if (rule.rate < 1 && random.next() >= rule.rate) continue;
      rule.hits++;
      if (rule.times !== undefined) rule.times--;
      if (rule.kind === 'latency') latencyMs += rule.latencyMs;
      else terminal = rule.kind;
    }
    this.rules = this.rules.filter(
      (entry) => entry.rule.times === undefined || entry.rule.times > 0,
    );
    return { latencyMs, terminal };
  }
}
