import {
  type CanonicalField,
  type CustomerFacts,
  type GoldenRecord,
  type SourceKey,
  type SourceObservation,
  type SurvivorshipRule,
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
  /**
   * Survivorship rule per canonical field (see survivorshipRulesFor for the rules each field
   * takes). A field left out keeps its default: `union` for lists, `source-priority` otherwise.
   */
  fieldRules?: Partial<Record<CanonicalField, SurvivorshipRule>>;
}

/** How one field compared between an observation and a candidate (scoring matchers). */
export interface FieldComparison {
  field: CanonicalField;
  /** The comparison level that applied, e.g. `exact`, `jaro-winkler>=0.92`, `null`. */
  level: string;
  /** Match weight (log2 of the Bayes factor) this level contributed. */
  weight: number;
}

/** Why a matcher considered a candidate cluster: kept with the link so it can be explained. */
export interface MatchEvidence {
  customerId: string;
  /** Match keys the observation shares with the candidate cluster. */
  sharedKeys: string[];
  /** Present when a scoring matcher compared fields. */
  score?: { matchWeight: number; matchProbability: number; comparisons: FieldComparison[] };
  /** Present when a remembered `same` decision made the link, not the matcher. */
  decision?: { decidedBy: string; decidedAt: string; origin: PairDecision['origin'] };
}

/**
 * A person's verdict on two source records, remembered for every later run: `same` links them
 * whatever the matcher says; `distinct` keeps them apart (the matcher never proposes their
 * clusters to each other again, and no merge or chain may join them). Review decisions and
 * splits record these.
 */
export interface PairDecision {
  left: SourceKey;
  right: SourceKey;
  verdict: 'same' | 'distinct';
  /** Where it came from: a review, a split / unmerge, or a full re-clustering's merge. */
  origin: 'review' | 'split' | 'recluster';
  decidedBy: string;
  /** ISO 8601. */
  decidedAt: string;
}

/**
 * A value an operator pinned on one field of a customer. It wins over every source until it
 * is removed, survives later syncs, and follows the customer through merges.
 */
export interface FieldOverride {
  field: Exclude<CanonicalField, 'kind'>;
  /** The value as the golden record holds it (already normalised), e.g. string[] for emails. */
  value: CustomerFacts[Exclude<CanonicalField, 'kind'>];
  pinnedBy: string;
  /** ISO 8601. */
  pinnedAt: string;
  reason?: string;
}

/**
 * - `link`: join every cluster named in `evidence` (two or more merge);
 * - `new`: a new customer; `evidence` lists the candidates considered and rejected;
 * - `review`: a new customer for now, and the candidates in `evidence` go to the review queue.
 */
export type MatchDecision =
  | { type: 'link'; evidence: MatchEvidence[] }
  | { type: 'new'; evidence: MatchEvidence[] }
  | { type: 'review'; evidence: MatchEvidence[] };

/**
 * Decides which existing customers a source record belongs to. The deterministic matcher
 * links on shared normalised identifiers; a scoring matcher plugs in behind the same shape.
 */
export interface Matcher {
  /** Recorded with each link. */
  readonly name: string;
  /**
   * Keys under which a record is indexed (store table `match_keys`) and looked up to find
   * candidate clusters (blocking). Sorted, without duplicates; the same array may be handed
   * out again for the same facts.
   */
  keysOf(facts: CustomerFacts, key: SourceKey): readonly string[];
  /**
   * `candidates` are the clusters sharing at least one key with the observation, never the
   * cluster the observation's source record already belongs to. Must be pure.
   */
  match(observation: SourceObservation, candidates: readonly CustomerCluster[]): MatchDecision;
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
  /** ISO 8601: createdAt/updatedAt of what changes, and the reference for staleness. */
  now: string;
  /** Defaults to the deterministic matcher with the default key policy. */
  matcher?: Matcher;
  /**
   * Remembered decisions touching the observations or the members of `clusters`. Decisions
   * about records outside the input are ignored.
   */
  decisions?: readonly PairDecision[];
  /** Pinned values per customer id, for the clusters in `clusters`. */
  overrides?: ReadonlyMap<string, readonly FieldOverride[]>;
}

export type ObservationOutcome = 'created' | 'updated' | 'merged' | 'deleted' | 'unchanged';

/** A canonical field, or one of the golden record's own parts that a change can touch. */
export type ChangedField = CanonicalField | 'sources' | 'deleted' | 'quality';

export interface FieldChange {
  field: ChangedField;
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
  | { type: 'deleted'; customer: GoldenRecord; previous: GoldenRecord }
  | {
      /**
       * `customer` keeps the id and the members left to it; `parts` are the customers split
       * off, with new ids (or, for an unmerge, the id of the customer a merge absorbed).
       */
      type: 'split';
      customer: GoldenRecord;
      previous: GoldenRecord;
      parts: GoldenRecord[];
      changes: FieldChange[];
    };

/** A link a matcher was unsure of: the observation got a new customer until someone decides. */
export interface MatchReview {
  key: SourceKey;
  customerId: string;
  matcher: string;
  candidates: MatchEvidence[];
}

export interface ReconcileResult {
  /**
   * Final state of every cluster an observation touched (absorbed ones excluded). A golden
   * record whose content did not change is returned exactly as it came in.
   */
  clusters: CustomerCluster[];
  /** Clusters absorbed into a survivor: their ids stay resolvable as `mergedInto`. */
  absorbed: { id: string; mergedInto: string }[];
  /** One per published change, in order; a golden record whose content did not change has none. */
  changes: CustomerChange[];
  /** Per observation, in input order; `customerId` is the final one (after later merges). */
  outcomes: {
    key: SourceKey;
    customerId: string;
    outcome: ObservationOutcome;
    /** Why it was linked where it was (empty for a new customer or an update in place). */
    evidence: MatchEvidence[];
  }[];
  /** Uncertain links for the review queue (never produced by the deterministic matcher). */
  reviews: MatchReview[];
}
