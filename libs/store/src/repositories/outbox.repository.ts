import {
  type OutboxMessage,
  type StoredOutboxMessage,
  type TopicName,
  snapshotSpanOf,
} from '@crosswalk/events';
import { type EntityManager } from 'typeorm';
import { AdvisoryLock, waitForLock } from '../support/advisory-locks';
import { SqlStatements } from '../support/sql-statements';

/** The write side of the outbox, used inside a page's transaction. */
export class OutboxRepository {
  private readonly sql: SqlStatements;

  constructor(private readonly manager: EntityManager) {
    this.sql = new SqlStatements(manager);
  }

  /**
   * Appends in sequence order across transactions: the lock, held to the commit, makes a
   * row's sequence larger than every row committed before it, so the relay never passes
   * over one committed late.
   */
  async append(messages: readonly OutboxMessage[], at: string): Promise<void> {
    await waitForLock(this.manager, AdvisoryLock.OutboxOrder);
    await this.sql.insert(
      'outbox',
      [
        'event_id',
        'topic',
        'message_key',
        'value',
        'headers',
        'snapshot_data_start',
        'snapshot_data_end',
        'created_at',
        'published_at',
      ],
      messages.map((message) => [
        message.id,
        message.topic,
        message.key,
        message.value,
        JSON.stringify(message.headers),
        message.snapshot?.dataStart ?? null,
        message.snapshot?.dataEnd ?? null,
        at,
        null,
      ]),
    );
  }

  /**
   * The oldest unpublished rows after `after`, in sequence order. Ordered as ix_outbox_pending
   * is (the same order, published_at being NULL throughout) so that PostgreSQL walks that
   * index instead of the primary key; `after` starts the walk past the entries of rows already
   * published, which stay in the index until vacuum removes them.
   */
  async findPending(
    limit: number,
    lockForRelay: boolean,
    after = 0,
  ): Promise<StoredOutboxMessage[]> {
    const rows = await this.sql.select<{
      sequence: string | number;
      event_id: string;
      topic: string;
      message_key: string;
      value: string | null;
      headers: string;
      snapshot_data_start: number | null;
      snapshot_data_end: number | null;
    }>(
      `SELECT sequence, event_id, topic, message_key, value, headers, snapshot_data_start, snapshot_data_end FROM outbox
        WHERE published_at IS NULL AND sequence > ${this.sql.placeholder(0)}
        ORDER BY published_at, sequence LIMIT ${this.sql.placeholder(1)}${
          lockForRelay ? ' FOR UPDATE SKIP LOCKED' : ''
        }`,
      [after, limit],
    );
    return rows.map((row) => ({
      sequence: Number(row.sequence),
      id: row.event_id,
      topic: row.topic as TopicName,
      key: row.message_key,
      value: row.value,
      headers: JSON.parse(row.headers) as Record<string, string>,
      ...snapshotSpanOf(row.snapshot_data_start, row.snapshot_data_end),
    }));
  }

  async markPublished(sequences: readonly number[], at: string): Promise<void> {
    await this.sql.executeIn(
      sequences,
      [at],
      (list) =>
        `UPDATE outbox SET published_at = ${this.sql.placeholder(0)} WHERE sequence IN (${list})`,
    );
  }

  /** Which of these event ids the outbox already holds (published or not). */
  async findExistingEventIds(ids: readonly string[]): Promise<Set<string>> {
    const rows = await this.sql.selectIn<{ event_id: string }>(
      [...new Set(ids)],
      [],
      (list) => `SELECT event_id FROM outbox WHERE event_id IN (${list})`,
    );
    return new Set(rows.map((row) => row.event_id));
  }

  async countPending(): Promise<number> {
    const rows = await this.sql.select<{ count: string | number }>(
      // Messages, not rows: a change event row also publishes its snapshot record.
      'SELECT COUNT(*) + COUNT(snapshot_data_start) AS count FROM outbox WHERE published_at IS NULL',
    );
    return Number(rows[0]?.count ?? 0);
  }
}
