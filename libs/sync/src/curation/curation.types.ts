import { type StoredMatchReview } from '@crosswalk/store';
import {
  type CanonicalField,
  type FieldLineage,
  type GoldenRecord,
  type SourceKey,
} from '@crosswalk/model';

/** Who acts, and why: kept with every decision so it can be audited. */
export interface Actor {
  by: string;
  note?: string;
}

/** What one curation command changed; nothing when it was a no-op. */
export interface CurationOutcome {
  /** Customers whose golden record changed, survivor / remaining first. */
  customerIds: string[];
  /** Outbox messages written (change events and snapshots). */
  events: number;
  changes: { type: 'created' | 'updated' | 'merged' | 'split' | 'deleted'; customerId: string }[];
}

/** One source record of a customer and why it is linked there. */
export interface LinkExplanation {
  key: SourceKey;
  deleted: boolean;
  observedAt: string;
  linkedAt: string;
  /** Rule (`match`, `merge`, ...), the candidates considered, comparisons and weights. */
  evidence: Record<string, unknown>;
}

/** Everything needed to say why a customer looks as it does. */
export interface CustomerExplanation {
  customer: GoldenRecord;
  /** Set when the id asked for was absorbed by a merge: the customer shown is the survivor. */
  requestedId: string;
  mergedIds: string[];
  lineage: Partial<Record<CanonicalField, FieldLineage[]>>;
  links: LinkExplanation[];
  overrides: {
    field: string;
    value: unknown;
    pinnedBy: string;
    pinnedAt: string;
    reason?: string;
  }[];
}

/** A review as an operator sees it (the store's row without its bookkeeping). */
export type ReviewView = Omit<StoredMatchReview, 'updatedAt'>;

export interface ReviewPage {
  items: ReviewView[];
  /** Pass as `after` for the next page; null on the last. */
  next: string | null;
}
