import { type OutboxMessage, type StoredOutboxMessage, type TopicName } from '@crosswalk/events';
import { type EntityManager, IsNull } from 'typeorm';
import { OutboxEntity } from '../entities';
import { chunkForParameters } from '../support/batching';

/** The write side of the outbox, used inside a page's transaction. */
export class OutboxRepository {
  constructor(private readonly manager: EntityManager) {}

  async append(messages: readonly OutboxMessage[], at: string): Promise<void> {
    const rows = messages.map((message) => ({
      eventId: message.id,
      topic: message.topic,
      key: message.key,
      value: message.value,
      headers: JSON.stringify(message.headers),
      createdAt: at,
      publishedAt: null,
    }));
    for (const chunk of chunkForParameters(rows, 7)) {
      await this.manager
        .createQueryBuilder()
        .insert()
        .updateEntity(false)
        .into(OutboxEntity)
        .values(chunk)
        .execute();
    }
  }

  /** The oldest unpublished rows, in sequence order. */
  async findPending(limit: number, lockForRelay: boolean): Promise<StoredOutboxMessage[]> {
    const query = this.manager
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .where('o.publishedAt IS NULL')
      .orderBy('o.sequence', 'ASC')
      .limit(limit);
    if (lockForRelay) query.setLock('pessimistic_write').setOnLocked('skip_locked');
    const rows = await query.getMany();
    return rows.map((row) => ({
      sequence: Number(row.sequence),
      id: row.eventId,
      topic: row.topic as TopicName,
      key: row.key,
      value: row.value,
      headers: JSON.parse(row.headers) as Record<string, string>,
    }));
  }

  async markPublished(sequences: readonly number[], at: string): Promise<void> {
    for (const chunk of chunkForParameters(sequences, 1)) {
      if (chunk.length === 0) continue;
      await this.manager
        .createQueryBuilder()
        .update(OutboxEntity)
        .set({ publishedAt: at })
        .where('sequence IN (:...sequences)', { sequences: chunk })
        .execute();
    }
  }

  async countPending(): Promise<number> {
    return this.manager.getRepository(OutboxEntity).countBy({ publishedAt: IsNull() });
  }
}
