import { type CustomerFacts, type SourceObservation } from '@crosswalk/model';
import { type SurvivorshipPolicy } from '../reconcile.types';

/** Builders shared by this library's specs. */

export const NOW = '2025-06-01T00:00:00.000Z';

export const POLICY: SurvivorshipPolicy = {
  sourcePriority: ['erp-sql', 'erp-file'],
  staleAfterDays: 365,
};

export function person(facts: Partial<CustomerFacts> = {}): CustomerFacts {
  return { kind: 'person', emails: [], phones: [], addresses: [], identifiers: [], ...facts };
}

export function organization(facts: Partial<CustomerFacts> = {}): CustomerFacts {
  return { kind: 'organization', emails: [], phones: [], addresses: [], identifiers: [], ...facts };
}

export function observation(
  connector: string,
  externalId: string,
  facts: CustomerFacts,
  options: { observedAt?: string; deleted?: boolean; object?: string } = {},
): SourceObservation {
  return {
    connector,
    object: options.object ?? 'customers',
    externalId,
    facts,
    observedAt: options.observedAt ?? '2025-05-01T00:00:00.000Z',
    deleted: options.deleted ?? false,
  };
}

/** The error a call throws (undefined when it returns), for assertions on coded errors. */
export function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}
