import { type SourceKey } from '@crosswalk/model';
import { type EntityManager } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { MatchReviewEntity } from '../entities';
import { StoreErrorCode, StoreException } from '../store.exception';
import { SqlStatements } from '../support/sql-statements';

/** Fixed namespace of review ids: changing it would orphan every stored decision's row. */
export const MATCH_REVIEW_ID_NAMESPACE = '5d0f5f3e-6a43-4c2b-9a0e-2f3c8b7e61d4';

export type MatchReviewStatus = 'pending' | 'accepted' | 'rejected' | 'superseded';

/** One candidate of an uncertain match, as a matcher's evidence gives it (stored whole). */
export interface ReviewCandidate {
  customerId: string;
  score?: { matchProbability: number };
}

/** An uncertain match as reconciliation reports it (the shape of reconcile's MatchReview). */
export interface ProposedReview {
  key: SourceKey;
  /** Where the source record sits now. */
  customerId: string;
  matcher: string;
  candidates: readonly ReviewCandidate[];
}

export interface StoredMatchReview {
  id: string;
  key: SourceKey;
  customerId: string;
  candidateCustomerId: string;
  matcher: string;
  matchProbability: number | null;
  evidence: Record<string, unknown>;
  status: MatchReviewStatus;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
}

export interface MatchReviewPage {
  items: StoredMatchReview[];
  /** Pass as `after` for the next page; null on the last. */
  next: string | null;
}

/** Id of the review of one source record against one candidate customer. */
export function matchReviewId(key: SourceKey, candidateCustomerId: string): string {
  // JSON keeps part boundaries unambiguous whatever characters the parts contain.
  return uuidv5(
    JSON.stringify([key.connector, key.object, key.externalId, candidateCustomerId]),
    MATCH_REVIEW_ID_NAMESPACE,
  );
}

const COLUMNS =
  'id, connector, object, external_id, customer_id, candidate_customer_id, matcher, match_probability, evidence, status, created_at, updated_at, decided_at, decided_by, note';

/** Most probable first; reviews without a probability last. */
const QUEUE_ORDER = 'ORDER BY match_probability DESC NULLS LAST, id';

/** The review queue: uncertain matches waiting for a person, and what was decided. */
export class MatchReviewRepository {
  private readonly sql: SqlStatements;

  constructor(private readonly manager: EntityManager) {
    this.sql = new SqlStatements(manager);
  }

  /**
   * One row per (source record, candidate). A pending row is refreshed with the latest
   * customer, probability and evidence; a decided one is left as it was decided.
   * Returns how many rows are new.
   */
  async propose(reviews: readonly ProposedReview[], now: string): Promise<number> {
    const rows = new Map<string, (string | number | null)[]>();
    for (const review of reviews) {
      for (const candidate of review.candidates) {
        const id = matchReviewId(review.key, candidate.customerId);
        rows.set(id, [
          id,
          review.key.connector,
          review.key.object,
          review.key.externalId,
          review.customerId,
          candidate.customerId,
          review.matcher,
          candidate.score?.matchProbability ?? null,
          JSON.stringify(candidate),
          'pending',
          now,
          now,
        ]);
      }
    }
    if (rows.size === 0) return 0;
    const existing = await this.sql.selectIn<{ id: string }>(
      [...rows.keys()],
      [],
      (list) => `SELECT id FROM match_reviews WHERE id IN (${list})`,
    );
    await this.sql.insert(
      'match_reviews',
      [
        'id',
        'connector',
        'object',
        'external_id',
        'customer_id',
        'candidate_customer_id',
        'matcher',
        'match_probability',
        'evidence',
        'status',
        'created_at',
        'updated_at',
      ],
      [...rows.values()],
      {
        key: ['id'],
        update: ['customer_id', 'matcher', 'match_probability', 'evidence', 'updated_at'],
        when: `match_reviews.status = 'pending'`,
      },
    );
    return rows.size - existing.length;
  }

  /** Pending reviews, most probable first, a page at a time (keyset: `after` is a page's `next`). */
  async findPending(page: { limit: number; after?: string }): Promise<MatchReviewPage> {
    const parameters: (string | number)[] = ['pending'];
    let where = `status = ${this.sql.placeholder(0)}`;
    if (page.after !== undefined) {
      const cursor = decodeCursor(page.after);
      if (cursor.probability === null) {
        parameters.push(cursor.id);
        where += ` AND match_probability IS NULL AND id > ${this.sql.placeholder(1)}`;
      } else {
        parameters.push(cursor.probability, cursor.probability, cursor.id);
        where += ` AND (match_probability < ${this.sql.placeholder(1)} OR (match_probability = ${this.sql.placeholder(2)} AND id > ${this.sql.placeholder(3)}) OR match_probability IS NULL)`;
      }
    }
    parameters.push(page.limit);
    const rows = await this.sql.select<ReviewRow>(
      `SELECT ${COLUMNS} FROM match_reviews WHERE ${where} ${QUEUE_ORDER} LIMIT ${this.sql.placeholder(parameters.length - 1)}`,
      parameters,
    );
    const items = rows.map(toReview);
    const last = items.at(-1);
    return {
      items,
      next:
        last === undefined || items.length < page.limit
          ? null
          : encodeCursor(last.matchProbability, last.id),
    };
  }

  async findById(id: string): Promise<StoredMatchReview | null> {
    const [row] = await this.sql.select<ReviewRow>(
      `SELECT ${COLUMNS} FROM match_reviews WHERE id = ${this.sql.placeholder(0)}`,
      [id],
    );
    return row === undefined ? null : toReview(row);
  }

  /** Decides a pending review; null when it does not exist or was already decided. */
  async decide(
    id: string,
    status: 'accepted' | 'rejected',
    decidedBy: string,
    note: string | null,
    now: string,
  ): Promise<StoredMatchReview | null> {
    const result = await this.manager
      .getRepository(MatchReviewEntity)
      .update(
        { id, status: 'pending' },
        { status, decidedBy, note, decidedAt: now, updatedAt: now },
      );
    return (result.affected ?? 0) > 0 ? this.findById(id) : null;
  }

  /**
   * After a merge or split the clusters a pending review compared no longer exist as they
   * were: such reviews are superseded. Returns how many.
   */
  async supersedeInvolving(customerIds: readonly string[], now: string): Promise<number> {
    const ids = [...new Set(customerIds)];
    const found = new Set<string>();
    for (const column of ['customer_id', 'candidate_customer_id']) {
      const rows = await this.sql.selectIn<{ id: string }>(
        ids,
        ['pending'],
        (list) =>
          `SELECT id FROM match_reviews WHERE status = ${this.sql.placeholder(0)} AND ${column} IN (${list})`,
      );
      for (const row of rows) found.add(row.id);
    }
    await this.sql.executeIn(
      [...found],
      ['superseded', now, 'pending'],
      (list) =>
        `UPDATE match_reviews SET status = ${this.sql.placeholder(0)}, updated_at = ${this.sql.placeholder(1)} WHERE status = ${this.sql.placeholder(2)} AND id IN (${list})`,
    );
    return found.size;
  }

  async countByStatus(): Promise<Record<MatchReviewStatus, number>> {
    const rows = await this.sql.select<{ status: MatchReviewStatus; count: string | number }>(
      'SELECT status, COUNT(*) AS count FROM match_reviews GROUP BY status',
    );
    const counts: Record<MatchReviewStatus, number> = {
      pending: 0,
      accepted: 0,
      rejected: 0,
      superseded: 0,
    };
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }
}

interface ReviewRow {
  id: string;
  connector: string;
  object: string;
  external_id: string;
  customer_id: string;
  candidate_customer_id: string;
  matcher: string;
  match_probability: number | string | null;
  evidence: string;
  status: MatchReviewStatus;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
  decided_by: string | null;
  note: string | null;
}

function toReview(row: ReviewRow): StoredMatchReview {
  return {
    id: row.id,
    key: { connector: row.connector, object: row.object, externalId: row.external_id },
    customerId: row.customer_id,
    candidateCustomerId: row.candidate_customer_id,
    matcher: row.matcher,
    matchProbability: row.match_probability === null ? null : Number(row.match_probability),
    evidence: JSON.parse(row.evidence) as Record<string, unknown>,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    note: row.note,
  };
}

/** The last row of a page: its probability (empty when none) and id, as `probability|id`. */
function encodeCursor(probability: number | null, id: string): string {
  return `${probability === null ? '' : String(probability)}|${id}`;
}

function decodeCursor(cursor: string): { probability: number | null; id: string } {
  const bar = cursor.indexOf('|');
  const head = cursor.slice(0, Math.max(bar, 0));
  const probability = head === '' ? null : Number(head);
  if (bar < 0 || (probability !== null && !Number.isFinite(probability))) {
    throw new StoreException(StoreErrorCode.InvalidCursor, 'not a review queue cursor', {
      cursor,
    });
  }
  return { probability, id: cursor.slice(bar + 1) };
}
