import { performance } from 'node:perf_hooks';
import { Logger, type LoggerService } from '@nestjs/common';
import { publishedMessages } from '../envelope/customer-change-event.mapper';
import { type EventSink, type OutboxSource } from '../outbox/outbox-message';

export interface OutboxRelayOptions {
  /** Rows claimed and published per batch. */
  batchSize?: number;
  logger?: Pick<LoggerService, 'log' | 'error'>;
}

export const DEFAULT_RELAY_BATCH_SIZE = 500;

/** What the service's health check reads. */
export interface OutboxRelayStatus {
  running: boolean;
  /** Messages relayed since this relay was created. */
  relayed: number;
  /** Seconds spent waiting on the sink to publish them. */
  publishSeconds: number;
  /** The error of the most recent failed batch, cleared by the next successful one. */
  lastError: { message: string; code?: string; at: string } | null;
}

/**
 * Moves outbox rows to a sink, batch by batch. Per-key order holds because the source hands
 * rows in sequence order and the sink publishes a batch in order; batches of one relay never
 * overlap. Delivery is at-least-once: a crash between publish and mark republishes the batch.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly logger: Pick<LoggerService, 'log' | 'error'>;
  /** Serialises batches: drainOnce/drainAll callers and the loop share it. */
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private relayed = 0;
  private publishSeconds = 0;
  private lastError: OutboxRelayStatus['lastError'] = null;

  constructor(
    private readonly source: OutboxSource,
    private readonly sink: EventSink,
    options: OutboxRelayOptions = {},
  ) {
    const batchSize = options.batchSize ?? DEFAULT_RELAY_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    }
    this.batchSize = batchSize;
    this.logger = options.logger ?? new Logger(OutboxRelay.name);
  }

  /** Relays at most one batch; resolves to the number of messages relayed. */
  async drainOnce(): Promise<number> {
    return (await this.exclusive(() => this.relayBatch())).published;
  }

  /** Relays batches until a batch comes back short (the outbox is empty); resolves to the total. */
  drainAll(): Promise<number> {
    return this.drainUntil(() => false);
  }

  /** Drains now and then every `intervalMs` after the previous drain ended. */
  start(intervalMs: number): void {
    if (!Number.isFinite(intervalMs) || intervalMs < 0) {
      throw new RangeError(`intervalMs must be a non-negative number, got ${intervalMs}`);
    }
    if (this.timer !== null || this.loop !== null) return;
    this.stopping = false;
    this.schedule(intervalMs, 0);
  }

  /** Stops the loop and waits for the batch in flight; the sink stays open (its owner closes it). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.loop;
    await this.queue;
  }

  status(): OutboxRelayStatus {
    return {
      running: (this.timer !== null || this.loop !== null) && !this.stopping,
      relayed: this.relayed,
      publishSeconds: this.publishSeconds,
      lastError: this.lastError,
    };
  }

  private schedule(intervalMs: number, delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.loop = this.tick().finally(() => {
        this.loop = null;
        if (!this.stopping) this.schedule(intervalMs, intervalMs);
      });
    }, delayMs);
  }

  /** One loop turn: never rejects; a failed batch is logged and retried on the next turn. */
  private async tick(): Promise<void> {
    try {
      await this.drainUntil(() => this.stopping);
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(
        `Outbox relay batch failed: ${message}`,
        error instanceof Error ? error.stack : undefined,
      );
    }
  }

  private async drainUntil(interrupted: () => boolean): Promise<number> {
    let total = 0;
    for (;;) {
      const { rows, published } = await this.exclusive(() => this.relayBatch());
      total += published;
      if (rows < this.batchSize || interrupted()) return total;
    }
  }

  /** One batch: outbox rows claimed, and the messages they made (a change event row carries its snapshot record). */
  private async relayBatch(): Promise<{ rows: number; published: number }> {
    try {
      let published = 0;
      const rows = await this.source.drain(this.batchSize, async (claimed) => {
        const messages = publishedMessages(claimed);
        const started = performance.now();
        try {
          await this.sink.publish(messages);
        } finally {
          this.publishSeconds += (performance.now() - started) / 1000;
        }
        published = messages.length;
      });
      this.relayed += published;
      this.lastError = null;
      return { rows, published };
    } catch (error: unknown) {
      this.lastError = {
        message: error instanceof Error ? error.message : String(error),
        ...(hasCode(error) ? { code: error.code } : {}),
        at: new Date().toISOString(),
      };
      throw error;
    }
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    // The queue only orders work; each caller sees its own task's outcome.
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function hasCode(error: unknown): error is { code: string } {
  return (
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
  );
}
