import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { type CustomerChange } from '@crosswalk/reconcile';
import { kafkaBrokers, readTopic, uniqueTopicPrefix } from '../../../../../test/infra/kafka';
import { connectorEventSource, type CustomerChangeEvent } from '../../envelope/cloud-event';
import {
  buildCustomerChangeMessages,
  publishedMessages,
} from '../../envelope/customer-change-event.mapper';
import { buildQuarantineMessage } from '../../envelope/quarantine-event.mapper';
import { EventsErrorCode } from '../../events-error';
import { TOPICS, type OutboxMessage, type TopicName } from '../../outbox/outbox-message';
import { OutboxRelay } from '../../relay/outbox.relay';
import { goldenRecordFixture as golden } from '../../testing/golden-record.fixture';
import { InMemoryOutboxSource } from '../../testing/in-memory-outbox.source';
import { KafkaEventSink } from './kafka-event.sink';

const options = { source: connectorEventSource('erp-csv'), now: '2024-05-02T08:30:00.000Z' };
const quiet = { log: (): void => undefined, warn: (): void => undefined, error: jest.fn() };

/** A customer's life: created, updated twice, and for some a merge or a deletion. */
function lifeOf(id: string, ending: 'merged' | 'deleted' | 'none'): CustomerChange[] {
  const changes: CustomerChange[] = [
    { type: 'created', customer: golden(id, 1) },
    {
      type: 'updated',
      customer: golden(id, 2, { emails: [`${id}@example.org`] }),
      previous: golden(id, 1),
      changes: [{ field: 'emails', before: ['ada@example.org'], after: [`${id}@example.org`] }],
    },
    {
      type: 'updated',
      customer: golden(id, 3, { phones: ['+441632960002'] }),
      previous: golden(id, 2),
      changes: [{ field: 'phones', before: ['+441632960001'], after: ['+441632960002'] }],
    },
  ];
  if (ending === 'merged') {
    changes.push({
      type: 'merged',
      customer: golden(id, 4),
      previous: golden(id, 3),
      absorbed: [golden(`${id}-dup`, 1)],
      changes: [],
    });
  }
  if (ending === 'deleted') {
    changes.push({
      type: 'deleted',
      customer: golden(id, 4, { deleted: true }),
      previous: golden(id, 3),
    });
  }
  return changes;
}

/** Interleaves the customers' changes, as pages of a real sync would. */
function interleavedMessages(customers: number): OutboxMessage[] {
  const lives = Array.from({ length: customers }, (_, i) =>
    lifeOf(`cust-${i}`, i % 5 === 0 ? 'merged' : i % 7 === 0 ? 'deleted' : 'none'),
  );
  const messages: OutboxMessage[] = [];
  for (let step = 0; step < 4; step += 1) {
    for (const life of lives) {
      const change = life[step];
      if (change !== undefined) messages.push(...buildCustomerChangeMessages(change, options));
    }
  }
  return messages;
}

/** What the relay publishes on `topic` for these outbox messages, in order. */
function expectedOnTopic(messages: readonly OutboxMessage[], topic: TopicName): OutboxMessage[] {
  return publishedMessages(messages).filter((message) => message.topic === topic);
}

/** Per key, the sequence of message ids (or values) in publish order. */
function byKey<T>(
  items: readonly T[],
  key: (item: T) => string | null,
  value: (item: T) => string | null,
) {
  const result = new Map<string | null, (string | null)[]>();
  for (const item of items) {
    const list = result.get(key(item)) ?? [];
    list.push(value(item));
    result.set(key(item), list);
  }
  return result;
}

describe('KafkaEventSink against a real broker', () => {
  const kafka = new Kafka({
    clientId: 'events-int-spec',
    brokers: kafkaBrokers(),
    logLevel: logLevel.ERROR,
  });
  // Topics are not deleted afterwards: Kafka 4 no longer speaks the DeleteTopics versions
  // kafkajs sends. Each test's unique prefix keeps it apart from every other run.

  function newSink(
    prefix: string,
    extra: Partial<ConstructorParameters<typeof KafkaEventSink>[0]> = {},
  ) {
    return new KafkaEventSink(
      {
        brokers: kafkaBrokers(),
        clientId: 'crosswalk-events-int-spec',
        topicPrefix: prefix,
        partitions: 3,
        replicationFactor: 1,
        ...extra,
      },
      { logger: quiet },
    );
  }

  it('creates the topics with the partitions and cleanup policies they need', async () => {
    const prefix = uniqueTopicPrefix();
    const sink = newSink(prefix);
    try {
      await sink.connect();
      const admin = kafka.admin();
      await admin.connect();
      try {
        const names = Object.values(TOPICS).map((topic) => sink.topicName(topic));
        const metadata = await admin.fetchTopicMetadata({ topics: names });
        expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(
          names.map((name) => [name, 3]).sort(),
        );
        const configs = await admin.describeConfigs({
          includeSynonyms: false,
          resources: names.map((name) => ({
            type: ConfigResourceTypes.TOPIC,
            name,
            configNames: ['cleanup.policy'],
          })),
        });
        const policy = (topic: TopicName): string | undefined =>
          configs.resources
            .find((r) => r.resourceName === sink.topicName(topic))
            ?.configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue;
        expect(policy(TOPICS.snapshot)).toBe('compact');
        expect(policy(TOPICS.changes)).toBe('delete');
        expect(policy(TOPICS.quarantine)).toBe('delete');
      } finally {
        await admin.disconnect();
      }
      // A second sink on the same topics accepts them as they are.
      const again = newSink(prefix);
      await again.connect();
      await again.close();
    } finally {
      await sink.close();
    }
  });

  it("sizes new topics by the broker's defaults when none are configured", async () => {
    const sink = newSink(uniqueTopicPrefix(), {
      partitions: undefined,
      replicationFactor: undefined,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await sink.connect();
      const [broker] = (await admin.describeCluster()).brokers;
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [
          {
            type: ConfigResourceTypes.BROKER,
            name: String(broker?.nodeId),
            configNames: ['num.partitions'],
          },
        ],
      });
      const brokerDefault = Number(described.resources[0]?.configEntries[0]?.configValue);
      const metadata = await admin.fetchTopicMetadata({
        topics: [sink.topicName(TOPICS.changes)],
      });
      expect(metadata.topics[0]?.partitions).toHaveLength(brokerDefault);
    } finally {
      await admin.disconnect();
      await sink.close();
    }
  });

  it('relays batches with keys, per-key order, payloads and headers intact', async () => {
    const prefix = uniqueTopicPrefix();
    const sink = newSink(prefix, { compression: 'gzip' });
    const source = new InMemoryOutboxSource();
    const messages = [
      ...interleavedMessages(40),
      buildQuarantineMessage(
        {
          connector: 'erp-csv',
          object: 'customers',
          externalId: 'C-77',
          code: 'INVALID_EMAIL',
          reason: 'email "x@" is not an e-mail address',
          location: { file: 'customers.csv', line: 78 },
          raw: 'C-77;X;x@;',
        },
        options,
      ),
    ];
    source.append(messages);
    const relay = new OutboxRelay(source, sink, { batchSize: 25, logger: quiet });
    try {
      await expect(relay.drainAll()).resolves.toBe(publishedMessages(messages).length);
    } finally {
      await sink.close();
    }

    const changes = expectedOnTopic(messages, TOPICS.changes);
    const readChanges = await readTopic(sink.topicName(TOPICS.changes), { count: changes.length });
    expect(readChanges).toHaveLength(changes.length);
    // Same ids per key, in the order they were written.
    expect(
      byKey(
        readChanges,
        (m) => m.key,
        (m) => m.headers['ce_id'] ?? null,
      ),
    ).toEqual(
      byKey(
        changes,
        (m) => m.key,
        (m) => m.id,
      ),
    );
    const sent = new Map(changes.map((m) => [m.id, m]));
    for (const read of readChanges) {
      const original = sent.get(read.headers['ce_id'] ?? '');
      expect(original).toBeDefined();
      expect(read.headers).toEqual(original!.headers);
      expect(read.headers['content-type']).toBe('application/cloudevents+json');
      const event = JSON.parse(read.value ?? 'null') as CustomerChangeEvent;
      expect(event).toEqual(JSON.parse(original!.value ?? 'null'));
      expect(event.partitionkey).toBe(read.key);
      expect(read.headers['ce_type']).toBe(event.type);
    }
    // One key, one partition.
    const partitions = byKey(
      readChanges,
      (m) => m.key,
      (m) => String(m.partition),
    );
    for (const list of partitions.values()) expect(new Set(list).size).toBe(1);

    const snapshot = expectedOnTopic(messages, TOPICS.snapshot);
    const readSnapshot = await readTopic(sink.topicName(TOPICS.snapshot), {
      count: snapshot.length,
    });
    expect(
      byKey(
        readSnapshot,
        (m) => m.key,
        (m) => m.value,
      ),
    ).toEqual(
      byKey(
        snapshot,
        (m) => m.key,
        (m) => m.value,
      ),
    );
    expect(
      readSnapshot
        .filter((m) => m.value === null)
        .map((m) => m.key)
        .sort(),
    ).toEqual(
      snapshot
        .filter((m) => m.value === null)
        .map((m) => m.key)
        .sort(),
    );

    const [quarantined] = await readTopic(sink.topicName(TOPICS.quarantine), { count: 1 });
    expect(quarantined?.key).toBe('erp-csv/customers/C-77');
    expect(JSON.parse(quarantined?.value ?? 'null')).toMatchObject({
      type: 'crosswalk.record.quarantined.v1',
      data: { externalId: 'C-77', code: 'INVALID_EMAIL', raw: 'C-77;X;x@;' },
    });
  });

  it('splits a batch larger than one request and keeps its order', async () => {
    const prefix = uniqueTopicPrefix();
    const sink = newSink(prefix, { partitions: 1, maxRequestBytes: 64 * 1024 });
    const padding = 'x'.repeat(2000);
    const messages: OutboxMessage[] = Array.from({ length: 300 }, (_, i) => ({
      id: `bulk-${i}`,
      topic: TOPICS.changes,
      key: `cust-${i % 4}`,
      value: JSON.stringify({ n: i, padding }),
      headers: { ce_id: `bulk-${i}` },
    }));
    try {
      await sink.publish(messages.map((m, i) => ({ ...m, sequence: i + 1 })));
    } finally {
      await sink.close();
    }
    const read = await readTopic(sink.topicName(TOPICS.changes), { count: messages.length });
    expect(read.map((m) => m.headers['ce_id'])).toEqual(messages.map((m) => m.id));
  });

  it('refuses an existing snapshot topic that is not compacted', async () => {
    const prefix = uniqueTopicPrefix();
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: `${prefix}${TOPICS.snapshot}`,
            numPartitions: 1,
            replicationFactor: 1,
            configEntries: [{ name: 'cleanup.policy', value: 'delete' }],
          },
        ],
      });
    } finally {
      await admin.disconnect();
    }
    const sink = newSink(prefix);
    try {
      await expect(sink.connect()).rejects.toMatchObject({
        code: EventsErrorCode.TopicMisconfigured,
        temporary: false,
      });
    } finally {
      await sink.close();
    }
  });

  it('reports an unreachable broker as a temporary failure', async () => {
    const sink = new KafkaEventSink(
      {
        brokers: ['127.0.0.1:1'],
        clientId: 'crosswalk-events-int-spec',
        retries: 0,
        connectionTimeoutMs: 1000,
      },
      { logger: quiet },
    );
    try {
      await expect(
        sink.publish([
          {
            ...buildQuarantineMessage(
              { connector: 'c', object: 'o', externalId: '1', code: 'X', reason: 'r', raw: 'r' },
              options,
            ),
            sequence: 1,
          },
        ]),
      ).rejects.toMatchObject({ code: EventsErrorCode.SinkUnavailable, temporary: true });
    } finally {
      await sink.close();
    }
  });
});
