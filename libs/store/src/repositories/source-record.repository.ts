import { type SourceKey, type SourceObservation, sourceKeyString } from '@crosswalk/model';
import { type EntityManager } from 'typeorm';
import { CustomerLinkEntity, SourceRecordEntity } from '../entities';
import { chunkForParameters } from '../support/batching';
import { sourceKeyChunks, whereSourceKeysIn } from '../support/source-key-filter';

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

export class SourceRecordRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Current hash and deleted flag per source key string, for the records that exist. */
  async findStates(keys: readonly SourceKey[]): Promise<Map<string, ReplicaState>> {
    const states = new Map<string, ReplicaState>();
    for (const chunk of sourceKeyChunks(keys)) {
      const rows = await whereSourceKeysIn(
        this.manager.getRepository(SourceRecordEntity).createQueryBuilder('r'),
        'r',
        chunk,
      )
        .select(['r.connector', 'r.object', 'r.externalId', 'r.contentHash', 'r.deleted'])
        .getMany();
      for (const row of rows) {
        states.set(sourceKeyString(row), { contentHash: row.contentHash, deleted: row.deleted });
      }
    }
    return states;
  }

  async save(writes: readonly ReplicaWrite[]): Promise<void> {
    const rows = writes.map((write) => ({
      connector: write.observation.connector,
      object: write.observation.object,
      externalId: write.observation.externalId,
      payload: JSON.stringify(write.payload),
      contentHash: write.contentHash,
      facts: JSON.stringify(write.observation.facts),
      observedAt: write.observation.observedAt,
      deleted: write.observation.deleted,
      firstSeenAt: write.seenAt,
      lastChangedAt: write.seenAt,
      runId: write.runId,
    }));
    for (const chunk of chunkForParameters(rows, 11)) {
      await this.manager
        .createQueryBuilder()
        .insert()
        .updateEntity(false)
        .into(SourceRecordEntity)
        .values(chunk)
        .orUpdate(
          [
            'payload',
            'content_hash',
            'facts',
            'observed_at',
            'deleted',
            'last_changed_at',
            'run_id',
          ],
          ['connector', 'object', 'external_id'],
        )
        .execute();
    }
  }

  /** Every observation linked to these customers, read back from the replica. */
  async findMembersOf(customerIds: readonly string[]): Promise<CustomerMembers[]> {
    const members: CustomerMembers[] = [];
    for (const chunk of chunkForParameters(customerIds, 1)) {
      if (chunk.length === 0) continue;
      const rows = await this.manager
        .getRepository(SourceRecordEntity)
        .createQueryBuilder('r')
        .innerJoin(
          CustomerLinkEntity,
          'l',
          'l.connector = r.connector AND l.object = r.object AND l.externalId = r.externalId',
        )
        .addSelect('l.customerId', 'customer_id')
        .where('l.customerId IN (:...ids)', { ids: chunk })
        .orderBy('r.connector')
        .addOrderBy('r.object')
        .addOrderBy('r.externalId')
        .getRawAndEntities<{ customer_id: string }>();
      rows.entities.forEach((row, index) => {
        const raw = rows.raw[index];
        if (!raw) return;
        members.push({ customerId: raw.customer_id, observation: toObservation(row) });
      });
    }
    return members;
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
    for (const chunk of sourceKeyChunks(keys)) {
      const rows = await whereSourceKeysIn(
        this.manager.getRepository(SourceRecordEntity).createQueryBuilder('r'),
        'r',
        chunk,
      ).getMany();
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

function toObservation(row: SourceRecordEntity): SourceObservation {
  return {
    connector: row.connector,
    object: row.object,
    externalId: row.externalId,
    facts: JSON.parse(row.facts) as SourceObservation['facts'],
    observedAt: row.observedAt,
    deleted: Boolean(row.deleted),
  };
}
