import { type SourceKey, sourceKeyString } from '@crosswalk/model';
import { type EntityManager } from 'typeorm';
import { groupSourceKeys } from '../support/source-key-filter';
import { SqlStatements } from '../support/sql-statements';

/** A person's verdict on two source records (the shape of reconcile's PairDecision). */
export interface StoredPairDecision {
  left: SourceKey;
  right: SourceKey;
  verdict: 'same' | 'distinct';
  origin: 'review' | 'split' | 'recluster';
  decidedBy: string;
  decidedAt: string;
}

const COLUMNS =
  'left_connector, left_object, left_external_id, right_connector, right_object, right_external_id, verdict, origin, decided_by, decided_at';

/** Remembered pair decisions: a rejected pair is never proposed again, a split stays split. */
export class PairDecisionRepository {
  private readonly sql: SqlStatements;

  constructor(manager: EntityManager) {
    this.sql = new SqlStatements(manager);
  }

  /** Stores each pair once whatever its order; a later decision on a pair replaces the earlier. */
  async record(decisions: readonly StoredPairDecision[]): Promise<void> {
    const rows = new Map<string, (string | null)[]>();
    for (const decision of decisions) {
      const [left, right] = canonicalPair(decision.left, decision.right);
      rows.set(`${keyParts(left)}${keyParts(right)}`, [
        left.connector,
        left.object,
        left.externalId,
        right.connector,
        right.object,
        right.externalId,
        decision.verdict,
        decision.origin,
        decision.decidedBy,
        decision.decidedAt,
      ]);
    }
    await this.sql.insert('pair_decisions', COLUMNS.split(', '), [...rows.values()], {
      key: [
        'left_connector',
        'left_object',
        'left_external_id',
        'right_connector',
        'right_object',
        'right_external_id',
      ],
      update: ['verdict', 'origin', 'decided_by', 'decided_at'],
    });
  }

  /** Decisions with either record among `keys`, sorted by pair. */
  async findInvolving(keys: readonly SourceKey[]): Promise<StoredPairDecision[]> {
    const found = new Map<string, StoredPairDecision>();
    for (const group of groupSourceKeys(keys)) {
      // One lookup per side, each on its own index (the primary key leads with the left side).
      for (const side of ['left', 'right']) {
        const rows = await this.sql.selectIn<DecisionRow>(
          group.externalIds,
          [group.connector, group.object],
          (list) =>
            `SELECT ${COLUMNS} FROM pair_decisions WHERE ${side}_connector = ${this.sql.placeholder(0)} AND ${side}_object = ${this.sql.placeholder(1)} AND ${side}_external_id IN (${list})`,
        );
        for (const row of rows) {
          const decision = toDecision(row);
          found.set(pairName(decision), decision);
        }
      }
    }
    return [...found.values()].sort(byPair);
  }

  /** Every decision, for a full re-cluster. */
  async findAll(): Promise<StoredPairDecision[]> {
    const rows = await this.sql.select<DecisionRow>(`SELECT ${COLUMNS} FROM pair_decisions`);
    return rows.map(toDecision).sort(byPair);
  }

  async count(): Promise<number> {
    const [row] = await this.sql.select<{ count: string | number }>(
      'SELECT COUNT(*) AS count FROM pair_decisions',
    );
    return Number(row?.count ?? 0);
  }
}

/**
 * The two keys in canonical order: the smaller `connector/object/externalId` first (two keys
 * that only differ in where a `/` falls are ordered by their parts, so the order is total).
 */
export function canonicalPair(a: SourceKey, b: SourceKey): [SourceKey, SourceKey] {
  return compareKeys(a, b) <= 0 ? [a, b] : [b, a];
}

function compareKeys(a: SourceKey, b: SourceKey): number {
  return (
    compareText(sourceKeyString(a), sourceKeyString(b)) || compareText(keyParts(a), keyParts(b))
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyParts(key: SourceKey): string {
  return JSON.stringify([key.connector, key.object, key.externalId]);
}

function pairName(decision: StoredPairDecision): string {
  return `${keyParts(decision.left)}${keyParts(decision.right)}`;
}

/** One order on both databases, whatever their collations. */
function byPair(a: StoredPairDecision, b: StoredPairDecision): number {
  return compareKeys(a.left, b.left) || compareKeys(a.right, b.right);
}

interface DecisionRow {
  left_connector: string;
  left_object: string;
  left_external_id: string;
  right_connector: string;
  right_object: string;
  right_external_id: string;
  verdict: StoredPairDecision['verdict'];
  origin: StoredPairDecision['origin'];
  decided_by: string;
  decided_at: string;
}

function toDecision(row: DecisionRow): StoredPairDecision {
  return {
    left: {
      connector: row.left_connector,
      object: row.left_object,
      externalId: row.left_external_id,
    },
    right: {
      connector: row.right_connector,
      object: row.right_object,
      externalId: row.right_external_id,
    },
    verdict: row.verdict,
    origin: row.origin,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}
