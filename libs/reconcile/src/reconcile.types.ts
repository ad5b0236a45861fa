import {
  type CanonicalField,
  type GoldenRecord,
  type SourceKey,
  type SourceObservation,
} from '@crosswalk/model';

/** A golden record and every source observation linked to it. */
export interface CustomerCluster {
  golden: GoldenRecord;
  members: SourceObservation[];
}

export interface SurvivorshipPolicy {
  /** Connector names, most trusted first; connectors not listed rank after all listed ones. */
  sourcePriority: string[];
  /** A record no live source has touched for this many days is flagged stale. */
  staleAfterDays: number;
}

export interface ReconcileInput {
  /**
   * Every existing cluster that any observation could touch: those linked to an
   * observation's source key and those sharing a match key with it.
   */
  clusters: CustomerCluster[];
  /** Changed source records, in the order the source gave them. */
  observations: SourceObservation[];
  policy: SurvivorshipPolicy;
  /** ISO 8601: createdAt/updatedAt of what changes. */
  now: string;
}

export type ObservationOutcome = 'created' | 'updated' | 'merged' | 'deleted' | 'unchanged';

export interface FieldChange {
  field: CanonicalField;
  before: unknown;
  after: unknown;
}

export type CustomerChange =
  | { type: 'created'; customer: GoldenRecord }
  | { type: 'updated'; customer: GoldenRecord; previous: GoldenRecord; changes: FieldChange[] }
  | {
      type: 'merged';
      customer: GoldenRecord;
      previous: GoldenRecord | null;
      absorbed: GoldenRecord[];
      changes: FieldChange[];
    }
  | { type: 'deleted'; customer: GoldenRecord; previous: GoldenRecord };

export interface ReconcileResult {
  /** Final state of every cluster created or changed (absorbed ones excluded). */
  clusters: CustomerCluster[];
  /** Clusters absorbed into a survivor: their ids stay resolvable as `mergedInto`. */
  absorbed: { id: string; mergedInto: string }[];
  /** One per published change, in order; a golden record whose content did not change has none. */
  changes: CustomerChange[];
  /** Per observation, in input order. */
  outcomes: { key: SourceKey; customerId: string; outcome: ObservationOutcome }[];
}
