import { DEFAULT_MAX_REQUEST_BYTES } from '@crosswalk/events';
import { Kafka, Partitioners, logLevel, type Message } from 'kafkajs';
import { kafkaBrokers } from '../../../test/infra/kafka';
import { type BenchWorkspace } from './bench-workspace';

const READ_PAGE = 10_000;

export interface RawKafkaResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  batchSize: number;
  averageValueBytes: number;
}

function client(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: kafkaBrokers(), logLevel: logLevel.ERROR });
}

/**
 * The raw limit: kafkajs alone sending the events the pipeline stored (same keys, values and
 * headers, so the same sizes), `batchSize` per sendBatch with acks=all, through a producer set
 * up as the pipeline's (idempotent, one request in flight) to a topic with as many partitions.
 * A batch is cut short, as the pipeline's sink cuts it, where it would pass the request size
 * the broker accepts.
 * Only the sends are timed, not reading the rows back from the store.
 */
export async function measureRawKafka(
  workspace: BenchWorkspace,
  batchSize: number,
  /** Each pass sends to a topic of its own. */
  pass: number,
): Promise<RawKafkaResult> {
  const kafka = client('crosswalk-bench-raw');
  const topic = `${workspace.topicPrefix}bench.raw.${pass}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] });
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  let events = 0;
  let valueBytes = 0;
  let sendingMs = 0;
  try {
    let after = 0;
    for (;;) {
      const page = await workspace.outboxPage(after, READ_PAGE);
      if (page.rows.length === 0) break;
      after = page.last;
      const messages: Message[] = page.rows.map((row) => ({
        key: row.key,
        value: row.value,
        headers: row.headers,
      }));
      const started = performance.now();
      for (const batch of batchesOf(messages, batchSize)) {
        await producer.sendBatch({ topicMessages: [{ topic, messages: batch }], acks: -1 });
      }
      sendingMs += performance.now() - started;
      events += messages.length;
      for (const row of page.rows) valueBytes += Buffer.byteLength(row.value ?? '');
    }
  } finally {
    await producer.disconnect();
  }
  const seconds = sendingMs / 1000;
  return {
    events,
    seconds,
    eventsPerSecond: seconds > 0 ? events / seconds : 0,
    batchSize,
    averageValueBytes: events > 0 ? Math.round(valueBytes / events) : 0,
  };
}

/** Runs of at most `batchSize` messages and DEFAULT_MAX_REQUEST_BYTES (approximately). */
function* batchesOf(messages: readonly Message[], batchSize: number): Generator<Message[]> {
  let batch: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = messageBytes(message);
    if (
      batch.length > 0 &&
      (batch.length >= batchSize || bytes + size > DEFAULT_MAX_REQUEST_BYTES)
    ) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(message);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

function messageBytes(message: Message): number {
  let bytes =
    64 +
    Buffer.byteLength(String(message.key ?? '')) +
    Buffer.byteLength(String(message.value ?? ''));
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(String(value ?? ''));
  }
  return bytes;
}

/** Messages on each of the pipeline's topics under the workspace's prefix (sum of partitions). */
export async function countTopicMessages(topicPrefix: string): Promise<Record<string, number>> {
  const admin = client('crosswalk-bench-admin').admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const counts: Record<string, number> = {};
    for (const name of ['customer.changes.v1', 'customer.snapshot.v1', 'quarantine.v1']) {
      const topic = `${topicPrefix}crosswalk.${name}`;
      if (!existing.has(topic)) {
        counts[name] = 0;
        continue;
      }
      const offsets = await admin.fetchTopicOffsets(topic);
      counts[name] = offsets.reduce(
        (sum, partition) => sum + Number(partition.high) - Number(partition.low),
        0,
      );
    }
    return counts;
  } finally {
    await admin.disconnect();
  }
}
