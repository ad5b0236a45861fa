import { type SourceKey, type SourceObservation, sourceKeyString } from '@crosswalk/model';
import { type EntityManager } from 'typeorm';
import { SourceRecordEntity } from '../entities';
import { groupSourceKeys } from '../support/source-key-filter';
import { SqlStatements } from '../support/sql-statements';

export interface ReplicaState {
  contentHash: string;
  deleted: boolean;
}

export interface ReplicaWrite {
  observation: SourceObservation;
  payload: Record<string, unknown>;
  contentHash: string;
  runId: string;
  seenAt: string;
}

export interface StoredSourceRecord {
  observation: SourceObservation;
  payload: Record<string, unknown>;
}

/** Observations of every source record linked to the given customers. */
export interface CustomerMembers {
  customerId: string;
  observation: SourceObservation;
}

/** One stored observation and the customer it is linked to (null when it is linked to none). */
export interface ReplicaObservation {
  customerId: string | null;
  observation: SourceObservation;
}

/** The columns of `ObservationRow`, read from `source_records r`. */
const OBSERVATION_COLUMNS =
  'r.connector, r.object, r.external_id, r.facts, r.observed_at, r.deleted';

export class SourceRecordRepository {
  private readonly sql: SqlStatements;

  constructor(private readonly manager: EntityManager) {
    this.sql = new SqlStatements(manager);
  }

  /** Current hash and deleted flag per source key string, for the records that exist. */
  async findStates(keys: readonly SourceKey[]): Promise<Map<string, ReplicaState>> {
    const states = new Map<string, ReplicaState>();
    for (const group of groupSourceKeys(keys)) {
      const rows = await this.sql.selectIn<{
        external_id: string;
        content_hash: string;
        deleted: boolean | number;
      }>(
        group.externalIds,
        [group.connector, group.object],
        (list) =>
          `SELECT external_id, content_hash, deleted FROM source_records WHERE connector = ${this.sql.placeholder(0)} AND object = ${this.sql.placeholder(1)} AND external_id IN (${list})`,
      );
      for (const row of rows) {
        states.set(
          sourceKeyString({
            connector: group.connector,
            object: group.object,
            externalId: row.external_id,
          }),
          { contentHash: row.content_hash, deleted: Boolean(row.deleted) },
        );
      }
    }
    return states;
  }

  async save(writes: readonly ReplicaWrite[]): Promise<void> {
    await this.sql.insert(
      'source_records',
      [
        'connector',
        'object',
        'external_id',
        'payload',
        'content_hash',
        'facts',
        'observed_at',
        'deleted',
        'first_seen_at',
        'last_changed_at',
        'run_id',
      ],
      writes.map((write) => [
        write.observation.connector,
        write.observation.object,
        write.observation.externalId,
        JSON.stringify(write.payload),
        write.contentHash,
        JSON.stringify(write.observation.facts),
        write.observation.observedAt,
        write.observation.deleted,
        write.seenAt,
        write.seenAt,
        write.runId,
      ]),
      {
        key: ['connector', 'object', 'external_id'],
        update: [
          'payload',
          'content_hash',
          'facts',
          'observed_at',
          'deleted',
          'last_changed_at',
          'run_id',
        ],
      },
    );
  }

  /**
   * Replaces the stored facts of records with reconciliation's own annotations (a resolved
   * organization link); payload, content hash and run stay as the source gave them.
   */
  async updateFacts(observations: readonly SourceObservation[]): Promise<void> {
    const p = (index: number): string => this.sql.placeholder(index);
    for (const observation of observations) {
      await this.sql.execute(
        `UPDATE source_records SET facts = ${p(0)} WHERE connector = ${p(1)} AND object = ${p(2)} AND external_id = ${p(3)}`,
        [
          JSON.stringify(observation.facts),
          observation.connector,
          observation.object,
          observation.externalId,
        ],
      );
    }
  }

  /** Every observation linked to these customers, read back from the replica. */
  async findMembersOf(customerIds: readonly string[]): Promise<CustomerMembers[]> {
    const rows = await this.sql.selectIn<ObservationRow & { customer_id: string }>(
      [...new Set(customerIds)],
      [],
      (list) =>
        `SELECT ${OBSERVATION_COLUMNS}, l.customer_id
           FROM source_records r
           JOIN customer_links l
             ON l.connector = r.connector AND l.object = r.object AND l.external_id = r.external_id
          WHERE l.customer_id IN (${list})
          ORDER BY r.connector, r.object, r.external_id`,
    );
    return rows.map((row) => ({ customerId: row.customer_id, observation: toObservation(row) }));
  }

  /**
   * The next `limit` stored observations (live and deleted) after `after` in (connector,
   * object, external id) order, with their customer: a full re-cluster reads the replica
   * a page at a time instead of all at once.
   */
  async pageObservations(after: SourceKey | null, limit: number): Promise<ReplicaObservation[]> {
    const parameters = after === null ? [] : [after.connector, after.object, after.externalId];
    // A row-value comparison walks the primary key from the cursor on both databases.
    const where =
      after === null
        ? ''
        : `WHERE (r.connector, r.object, r.external_id) > (${this.sql.placeholder(0)}, ${this.sql.placeholder(1)}, ${this.sql.placeholder(2)})`;
    const rows = await this.sql.select<ObservationRow & { customer_id: string | null }>(
      `SELECT ${OBSERVATION_COLUMNS}, l.customer_id
         FROM source_records r
         LEFT JOIN customer_links l
           ON l.connector = r.connector AND l.object = r.object AND l.external_id = r.external_id
         ${where}
        ORDER BY r.connector, r.object, r.external_id
        LIMIT ${this.sql.placeholder(parameters.length)}`,
      [...parameters, limit],
    );
    return rows.map((row) => ({ customerId: row.customer_id, observation: toObservation(row) }));
  }

  /** Live (not deleted) external ids of one object, in key order, a page at a time. */
  async findLiveExternalIds(
    connector: string,
    object: string,
    after: string | null,
    limit: number,
  ): Promise<string[]> {
    const query = this.manager
      .getRepository(SourceRecordEntity)
      .createQueryBuilder('r')
      .select('r.externalId')
      .where('r.connector = :connector AND r.object = :object AND r.deleted = :deleted', {
        connector,
        object,
        deleted: false,
      })
      .orderBy('r.externalId')
      .limit(limit);
    if (after !== null) query.andWhere('r.externalId > :after', { after });
    return (await query.getMany()).map((row) => row.externalId);
  }

  /** Replica rows as stored: the observation and the raw payload. */
  async findRecords(keys: readonly SourceKey[]): Promise<StoredSourceRecord[]> {
    const records: StoredSourceRecord[] = [];
    for (const group of groupSourceKeys(keys)) {
      const rows = await this.sql.selectIn<ObservationRow & { payload: string }>(
        group.externalIds,
        [group.connector, group.object],
        (list) =>
          `SELECT connector, object, external_id, facts, observed_at, deleted, payload FROM source_records WHERE connector = ${this.sql.placeholder(0)} AND object = ${this.sql.placeholder(1)} AND external_id IN (${list}) ORDER BY external_id`,
      );
      for (const row of rows) {
        records.push({
          observation: toObservation(row),
          payload: JSON.parse(row.payload) as Record<string, unknown>,
        });
      }
    }
    return records;
  }

  async countByConnector(): Promise<{ connector: string; records: number; deleted: number }[]> {
    const rows = await this.manager
      .getRepository(SourceRecordEntity)
      .createQueryBuilder('r')
      .select('r.connector', 'connector')
      .addSelect('COUNT(*)', 'records')
      .addSelect('SUM(CASE WHEN r.deleted THEN 1 ELSE 0 END)', 'deleted')
      .groupBy('r.connector')
      .orderBy('r.connector')
      .getRawMany<{ connector: string; records: string | number; deleted: string | number }>();
    return rows.map((row) => ({
      connector: row.connector,
      records: Number(row.records),
      deleted: Number(row.deleted ?? 0),
    }));
  }
}

/** The columns an observation is read from, as both databases return them. */
interface ObservationRow {
  connector: string;
  object: string;
  external_id: string;
  facts: string;
  observed_at: string;
  deleted: boolean | number;
}

function toObservation(row: ObservationRow): SourceObservation {
  return {
    connector: row.connector,
    object: row.object,
    externalId: row.external_id,
    facts: JSON.parse(row.facts) as SourceObservation['facts'],
    observedAt: row.observed_at,
    deleted: Boolean(row.deleted),
  };
}
