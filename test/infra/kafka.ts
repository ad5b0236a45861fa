import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { requiredEnv } from './unique-name';

export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

export interface ReadTopicOptions {
  /** How many messages to wait for; reading stops as soon as this many arrived. */
  count: number;
  /** Fails the read when fewer than count messages arrived by then (default 30 s). */
  timeoutMs?: number;
}

/** The brokers of the test Kafka cluster (KAFKA_BROKERS, filled in by globalSetup). */
export function kafkaBrokers(): string[] {
  return requiredEnv('KAFKA_BROKERS')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}

/** A topic-name prefix no other test uses, e.g. `t-3f9a1c2b7d4e.`. */
export function uniqueTopicPrefix(): string {
  return `t-${randomBytes(6).toString('hex')}.`;
}

/**
 * Reads a topic from its beginning with a real consumer in a fresh group, until `count` messages
 * arrived. Messages come in partition order (offset order within each partition).
 */
export async function readTopic(topic: string, options: ReadTopicOptions): Promise<ReadMessage[]> {
  const timeoutMs = options.timeoutMs ?? 30000;
  const kafka = new Kafka({
    clientId: 'crosswalk-test-reader',
    brokers: kafkaBrokers(),
    logLevel: logLevel.ERROR,
  });
  const consumer = kafka.consumer({
    groupId: `test-reader-${randomBytes(6).toString('hex')}`,
    allowAutoTopicCreation: false,
  });
  const messages: ReadMessage[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => {
        reject(
          new Error(
            `readTopic(${topic}): ${messages.length} of ${options.count} messages within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      if (options.count <= 0) resolve();
      consumer
        .run({
          autoCommit: false,
          eachMessage: ({ message, partition }) => {
            if (messages.length < options.count) {
              messages.push({
                key: message.key ? message.key.toString('utf8') : null,
                value: message.value ? message.value.toString('utf8') : null,
                headers: headersToStrings(message.headers),
                partition,
                offset: message.offset,
              });
            }
            if (messages.length >= options.count) resolve();
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
    return messages;
  } finally {
    if (timer) clearTimeout(timer);
    await consumer.disconnect();
  }
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    // A repeated header keeps its last value.
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) result[name] = last.toString();
  }
  return result;
}
