import {
  type OutboxMessage,
  type OutboxSource,
  type StoredOutboxMessage,
} from '../outbox/outbox-message';

/**
 * The OutboxSource contract in memory, for relay tests: rows come in sequence order and are
 * marked published only after `publish` resolved.
 */
export class InMemoryOutboxSource implements OutboxSource {
  private readonly rows: { message: StoredOutboxMessage; published: boolean }[] = [];
  private sequence = 0;

  append(messages: readonly OutboxMessage[]): void {
    for (const message of messages) {
      this.sequence += 1;
      this.rows.push({ published: false, message: { ...message, sequence: this.sequence } });
    }
  }

  async drain(
    limit: number,
    publish: (messages: readonly StoredOutboxMessage[]) => Promise<void>,
  ): Promise<number> {
    const claimed = this.rows.filter((row) => !row.published).slice(0, limit);
    if (claimed.length === 0) return 0;
    await publish(claimed.map((row) => row.message));
    for (const row of claimed) row.published = true;
    return claimed.length;
  }

  pendingCount(): Promise<number> {
    return Promise.resolve(this.rows.filter((row) => !row.published).length);
  }
}
