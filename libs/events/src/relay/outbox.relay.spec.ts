import {
  TOPICS,
  type EventSink,
  type OutboxMessage,
  type StoredOutboxMessage,
} from '../outbox/outbox-message';
import { EVENT_HEADERS, JSON_CONTENT_TYPE } from '../envelope/cloud-event';
import { InMemoryOutboxSource } from '../testing/in-memory-outbox.source';
import { EventsError, EventsErrorCode } from '../events-error';
import { OutboxRelay } from './outbox.relay';

let counter = 0;
/** Adds `count` rows for `key`; ids are event-1, event-2, ... in sequence order. */
function addRows(source: InMemoryOutboxSource, key: string, count = 1): void {
  const messages: OutboxMessage[] = [];
  for (let i = 0; i < count; i += 1) {
    counter += 1;
    messages.push({
      id: `event-${counter}`,
      topic: TOPICS.changes,
      key,
      value: JSON.stringify({ n: counter }),
      headers: { ce_id: `event-${counter}` },
    });
  }
  source.append(messages);
}

/** Records every batch; can be told to fail or to hold a batch until released. */
class RecordingSink implements EventSink {
  readonly batches: string[][] = [];
  failures: Error[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;

  hold(): void {
    this.gate = new Promise((resolve) => {
      this.openGate = resolve;
    });
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
  }

  async publish(messages: readonly StoredOutboxMessage[]): Promise<void> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.gate !== null) await this.gate;
      const failure = this.failures.shift();
      if (failure !== undefined) throw failure;
      this.batches.push(messages.map((m) => m.id));
    } finally {
      this.inFlight -= 1;
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  get published(): string[] {
    return this.batches.flat();
  }
}

const quietLogger = { log: jest.fn(), error: jest.fn() };

function setup(batchSize = 3): {
  source: InMemoryOutboxSource;
  sink: RecordingSink;
  relay: OutboxRelay;
  logger: typeof quietLogger;
} {
  counter = 0;
  const source = new InMemoryOutboxSource();
  const sink = new RecordingSink();
  const logger = { log: jest.fn(), error: jest.fn() };
  return { source, sink, relay: new OutboxRelay(source, sink, { batchSize, logger }), logger };
}

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 2000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const ids = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `event-${from + i}`);

describe('OutboxRelay', () => {
  it('relays one batch in sequence order', async () => {
    const { source, sink, relay } = setup(3);
    addRows(source, 'a', 2);
    addRows(source, 'b', 2);
    await expect(relay.drainOnce()).resolves.toBe(3);
    expect(sink.batches).toEqual([ids(1, 3)]);
    await expect(source.pendingCount()).resolves.toBe(1);
  });

  it('publishes the snapshot record a change event row carries right after it', async () => {
    const { source, sink, relay } = setup(3);
    const customer = JSON.stringify({ id: 'cust-1', version: 2 });
    const head = '{"id":"event-with-snapshot","data":';
    source.append([
      {
        id: 'event-with-snapshot',
        topic: TOPICS.changes,
        key: 'cust-1',
        value: `${head}${customer}}`,
        headers: { ce_id: 'event-with-snapshot' },
        snapshot: { dataStart: head.length, dataEnd: head.length + customer.length },
      },
    ]);
    addRows(source, 'cust-2', 3);
    const published: StoredOutboxMessage[] = [];
    const publish = sink.publish.bind(sink);
    sink.publish = (messages) => {
      published.push(...messages);
      return publish(messages);
    };

    // Three rows make the first batch, four messages; the fourth row is the second batch.
    await expect(relay.drainAll()).resolves.toBe(5);
    expect(sink.batches.map((batch) => batch.length)).toEqual([4, 1]);
    expect(relay.status().relayed).toBe(5);
    const [event, snapshot] = published;
    expect(event?.snapshot).toBeUndefined();
    expect(snapshot).toMatchObject({
      topic: TOPICS.snapshot,
      key: 'cust-1',
      value: customer,
      headers: {
        [EVENT_HEADERS.contentType]: JSON_CONTENT_TYPE,
        [EVENT_HEADERS.causeEventId]: 'event-with-snapshot',
      },
    });
    expect(snapshot?.snapshot).toBeUndefined();
  });

  it.each([
    [0, 3, 0, []],
    [2, 3, 2, [2]],
    [3, 3, 3, [3]],
    [7, 3, 7, [3, 3, 1]],
  ])('drains %i rows in batches of %i', async (rows, batchSize, total, sizes) => {
    const { source, sink, relay } = setup(batchSize);
    addRows(source, 'k', rows);
    await expect(relay.drainAll()).resolves.toBe(total);
    expect(sink.batches.map((b) => b.length)).toEqual(sizes);
    expect(sink.published).toEqual(ids(1, rows));
    await expect(source.pendingCount()).resolves.toBe(0);
  });

  it('marks nothing when the sink fails, and resends the same batch next time', async () => {
    const { source, sink, relay } = setup(3);
    addRows(source, 'a', 4);
    const failure = new EventsError(EventsErrorCode.SinkUnavailable, 'broker down');
    sink.failures = [failure];
    await expect(relay.drainAll()).rejects.toBe(failure);
    await expect(source.pendingCount()).resolves.toBe(4);
    expect(relay.status().lastError).toMatchObject({
      code: 'EVENTS_SINK_UNAVAILABLE',
      message: 'broker down',
    });
    await expect(relay.drainAll()).resolves.toBe(4);
    expect(sink.batches).toEqual([ids(1, 3), ids(4, 4)]);
    expect(relay.status()).toMatchObject({
      relayed: 4,
      publishSeconds: expect.any(Number) as number,
      lastError: null,
    });
  });

  it('never runs two batches at once, whoever asks', async () => {
    const { source, sink, relay } = setup(2);
    addRows(source, 'a', 6);
    const counts = await Promise.all([relay.drainOnce(), relay.drainOnce(), relay.drainAll()]);
    expect(counts).toEqual([2, 2, 2]);
    expect(sink.maxInFlight).toBe(1);
    expect(sink.published).toEqual(ids(1, 6));
  });

  it('relays in a loop until stopped', async () => {
    const { source, sink, relay } = setup(2);
    relay.start(10);
    expect(relay.status().running).toBe(true);
    addRows(source, 'a', 5);
    await waitFor(() => sink.published.length === 5);
    addRows(source, 'b', 1);
    await waitFor(() => sink.published.length === 6);
    await relay.stop();
    expect(relay.status().running).toBe(false);
    addRows(source, 'c', 1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(sink.published).toEqual(ids(1, 6));
  });

  it('waits for the batch in flight when stopped', async () => {
    const { source, sink, relay } = setup(2);
    addRows(source, 'a', 2);
    sink.hold();
    relay.start(1000);
    await waitFor(() => sink.inFlight === 1);
    let stopped = false;
    const stopping = relay.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    sink.release();
    await stopping;
    expect(sink.published).toEqual(ids(1, 2));
    await expect(source.pendingCount()).resolves.toBe(0);
  });

  it('keeps looping after a failed batch and logs it', async () => {
    const { source, sink, relay, logger } = setup(10);
    sink.failures = [new EventsError(EventsErrorCode.SinkUnavailable, 'broker down')];
    addRows(source, 'a', 3);
    relay.start(5);
    await waitFor(() => sink.published.length === 3);
    await relay.stop();
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('broker down'),
      expect.any(String),
    );
    expect(sink.published).toEqual(ids(1, 3));
  });

  it('can be started again after a stop', async () => {
    const { source, sink, relay } = setup(5);
    relay.start(5);
    await relay.stop();
    addRows(source, 'a', 2);
    relay.start(5);
    await waitFor(() => sink.published.length === 2);
    await relay.stop();
  });

  it.each([0, -1, 1.5])('refuses batch size %p', (batchSize) => {
    const source = new InMemoryOutboxSource();
    expect(
      () => new OutboxRelay(source, new RecordingSink(), { batchSize, logger: quietLogger }),
    ).toThrow(RangeError);
  });
});
