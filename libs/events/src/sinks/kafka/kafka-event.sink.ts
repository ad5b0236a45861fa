import { Logger, type LoggerService } from '@nestjs/common';
import {
  CompressionTypes,
  ConfigResourceTypes,
  Kafka,
  Partitioners,
  logLevel,
  type Admin,
  type ITopicConfig,
  type LogEntry,
  type Message,
  type Producer,
  type SASLOptions,
  type TopicMessages,
} from 'kafkajs';
import { EventsError, EventsErrorCode } from '../../events-error';
import {
  TOPICS,
  type EventSink,
  type StoredOutboxMessage,
  type TopicName,
} from '../../outbox/outbox-message';
import { classifyKafkaError } from './kafka-error.mapper';

export interface KafkaSinkConfig {
  brokers: string[];
  clientId: string;
  /** Prepended to every topic name, e.g. `t-abc.` for test isolation or a tenant. */
  topicPrefix?: string;
  /** Partitions of topics this sink creates; the broker default when absent. */
  partitions?: number;
  /** Replication factor of topics this sink creates; the broker default when absent. */
  replicationFactor?: number;
  ssl?: boolean;
  sasl?: {
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
  };
  /** GZIP is the one codec kafkajs ships; default none. */
  compression?: 'gzip' | 'none';
  /** Create missing topics on connect (default true); off where topics are provisioned. */
  createTopics?: boolean;
  /**
   * Upper bound of one topic's payload in one produce request, before compression (default
   * 768 KiB). Every partition's record batch is at most that, under the broker's default
   * `message.max.bytes` (1 MiB); a request carries up to this much per topic.
   */
  maxRequestBytes?: number;
  /** Per-request timeout in ms (default 30 000). */
  requestTimeoutMs?: number;
  /** Connect timeout per broker in ms (default 10 000). */
  connectionTimeoutMs?: number;
  /** Retries of a failed request inside the client before the publish fails (default 5). */
  retries?: number;
}

interface TopicSizing {
  partitions: number;
  replicationFactor: number;
}

export const DEFAULT_MAX_REQUEST_BYTES = 768 * 1024;

/** Topic configuration by purpose: change history is retained by time, the snapshot by key. */
const TOPIC_CLEANUP_POLICY: Record<TopicName, 'delete' | 'compact'> = {
  [TOPICS.changes]: 'delete',
  [TOPICS.snapshot]: 'compact',
  [TOPICS.quarantine]: 'delete',
};

/**
 * Publishes relayed batches to Kafka with an idempotent producer and acks from all in-sync
 * replicas. kafkajs does not batch on its own: one relay batch becomes one `sendBatch`
 * (split only when one topic's share would exceed `maxRequestBytes`), and one request in
 * flight keeps the order of each partition.
 */
export class KafkaEventSink implements EventSink {
  private readonly kafka: Kafka;
  private readonly logger: Pick<LoggerService, 'log' | 'warn' | 'error'>;
  private readonly prefix: string;
  private readonly maxRequestBytes: number;
  private producer: Producer | null = null;
  private connecting: Promise<Producer> | null = null;
  private topicsReady = false;
  private closed = false;

  constructor(
    private readonly config: KafkaSinkConfig,
    options: { logger?: Pick<LoggerService, 'log' | 'warn' | 'error'> } = {},
  ) {
    if (config.brokers.length === 0) {
      throw new EventsError(EventsErrorCode.InvalidMessage, 'Kafka sink needs at least one broker');
    }
    this.logger = options.logger ?? new Logger(KafkaEventSink.name);
    this.prefix = config.topicPrefix ?? '';
    this.maxRequestBytes = config.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    this.kafka = new Kafka({
      brokers: config.brokers,
      clientId: config.clientId,
      ssl: config.ssl ?? false,
      ...(config.sasl === undefined ? {} : { sasl: toSasl(config.sasl) }),
      requestTimeout: config.requestTimeoutMs ?? 30_000,
      connectionTimeout: config.connectionTimeoutMs ?? 10_000,
      retry: { retries: config.retries ?? 5 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => this.forwardLog(entry),
    });
  }

  /** The Kafka topic a logical topic is published to. */
  topicName(topic: TopicName): string {
    return `${this.prefix}${topic}`;
  }

  /** Connects the producer and creates or checks the topics; publish calls it when needed. */
  async connect(): Promise<void> {
    await this.ensureProducer();
  }

  async publish(messages: readonly StoredOutboxMessage[]): Promise<void> {
    if (this.closed)
      throw new EventsError(EventsErrorCode.SinkClosed, 'Kafka event sink is closed');
    if (messages.length === 0) return;
    const producer = await this.ensureProducer();
    try {
      for (const chunk of chunkBySize(messages, this.maxRequestBytes)) {
        await producer.sendBatch({
          topicMessages: this.groupByTopic(chunk),
          acks: -1,
          compression:
            this.config.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None,
          timeout: this.config.requestTimeoutMs ?? 30_000,
        });
      }
    } catch (error: unknown) {
      const classified = classifyKafkaError(error, 'publish');
      // A failed idempotent producer may hold sequence state the broker no longer agrees
      // with; the next publish starts a fresh one (the relay resends the whole batch).
      await this.dropProducer();
      throw classified;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.dropProducer();
  }

  private groupByTopic(messages: readonly StoredOutboxMessage[]): TopicMessages[] {
    const byTopic = new Map<string, Message[]>();
    for (const message of messages) {
      const topic = this.topicName(message.topic);
      const list = byTopic.get(topic) ?? [];
      list.push({ key: message.key, value: message.value, headers: { ...message.headers } });
      byTopic.set(topic, list);
    }
    return [...byTopic].map(([topic, list]) => ({ topic, messages: list }));
  }

  private ensureProducer(): Promise<Producer> {
    if (this.producer !== null) return Promise.resolve(this.producer);
    this.connecting ??= this.openProducer().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async openProducer(): Promise<Producer> {
    if (!this.topicsReady) {
      await this.prepareTopics();
      this.topicsReady = true;
    }
    const producer = this.kafka.producer({
      idempotent: true,
      // kafkajs keeps per-partition order with idempotence only with one request in flight.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Java-compatible murmur2: a key lands on the same partition whatever client produced it.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    try {
      await producer.connect();
    } catch (error: unknown) {
      throw classifyKafkaError(error, 'producer connect');
    }
    this.producer = producer;
    return producer;
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer ?? (await this.connecting?.catch(() => null)) ?? null;
    this.producer = null;
    if (producer === null) return;
    try {
      await producer.disconnect();
    } catch (error: unknown) {
      this.logger.warn(`Kafka producer disconnect failed: ${String(error)}`);
    }
  }

  private async prepareTopics(): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      const existing = new Set(await admin.listTopics());
      const topics = Object.values(TOPICS);
      const missing = topics.filter((topic) => !existing.has(this.topicName(topic)));
      if (missing.length > 0 && this.config.createTopics !== false) {
        const sizing = await this.topicSizing(admin);
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => this.topicConfig(topic, sizing)),
        });
        this.logger.log(`Created Kafka topics ${missing.map((t) => this.topicName(t)).join(', ')}`);
      }
      await this.checkCleanupPolicies(admin, topics);
    } catch (error: unknown) {
      throw classifyKafkaError(error, 'topic set-up');
    } finally {
      await admin.disconnect();
    }
  }

  private topicConfig(topic: TopicName, sizing: TopicSizing): ITopicConfig {
    const configEntries: { name: string; value: string }[] = [
      { name: 'cleanup.policy', value: TOPIC_CLEANUP_POLICY[topic] },
    ];
    // With three or more replicas, acks=all should mean "at least two copies".
    if (sizing.replicationFactor >= 3) {
      configEntries.push({ name: 'min.insync.replicas', value: '2' });
    }
    return {
      topic: this.topicName(topic),
      numPartitions: sizing.partitions,
      replicationFactor: sizing.replicationFactor,
      configEntries,
    };
  }

  /**
   * Partitions and replication factor of new topics: the configured ones, else the broker's
   * defaults (kafkajs speaks a CreateTopics version that cannot ask for "broker default").
   */
  private async topicSizing(admin: Admin): Promise<TopicSizing> {
    const { partitions, replicationFactor } = this.config;
    if (partitions !== undefined && replicationFactor !== undefined) {
      return { partitions, replicationFactor };
    }
    const cluster = await admin.describeCluster();
    const broker = cluster.brokers[0];
    let defaults = { partitions: 1, replicationFactor: 1 };
    if (broker !== undefined) {
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [
          {
            type: ConfigResourceTypes.BROKER,
            name: String(broker.nodeId),
            configNames: ['num.partitions', 'default.replication.factor'],
          },
        ],
      });
      const entries = described.resources[0]?.configEntries ?? [];
      const read = (name: string): number | undefined => {
        const value = Number(entries.find((e) => e.configName === name)?.configValue);
        return Number.isInteger(value) && value > 0 ? value : undefined;
      };
      defaults = {
        partitions: read('num.partitions') ?? 1,
        replicationFactor: read('default.replication.factor') ?? 1,
      };
    }
    return {
      partitions: partitions ?? defaults.partitions,
      replicationFactor: replicationFactor ?? defaults.replicationFactor,
    };
  }

  /** A compacted change topic would lose history; a non-compacted snapshot would lose keys. */
  private async checkCleanupPolicies(admin: Admin, topics: readonly TopicName[]): Promise<void> {
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((topic) => ({
        type: ConfigResourceTypes.TOPIC,
        name: this.topicName(topic),
        configNames: ['cleanup.policy'],
      })),
    });
    for (const topic of topics) {
      const name = this.topicName(topic);
      const resource = described.resources.find((r) => r.resourceName === name);
      const value = resource?.configEntries.find((e) => e.configName === 'cleanup.policy');
      const policies = new Set((value?.configValue ?? '').split(',').map((p) => p.trim()));
      const wanted = TOPIC_CLEANUP_POLICY[topic];
      const ok =
        wanted === 'compact'
          ? policies.has('compact') && !policies.has('delete')
          : !policies.has('compact');
      if (!ok) {
        throw new EventsError(
          EventsErrorCode.TopicMisconfigured,
          `Kafka topic ${name} has cleanup.policy=${value?.configValue ?? '(unknown)'}; it must be ${wanted}`,
          { topic: name, cleanupPolicy: value?.configValue ?? null, expected: wanted },
        );
      }
    }
  }

  private forwardLog({ level, namespace, log }: LogEntry): void {
    const text = `[${namespace}] ${log.message}`;
    if (level === logLevel.ERROR) this.logger.error(text);
    else if (level === logLevel.WARN) this.logger.warn(text);
    else this.logger.log(text);
  }
}

function toSasl(sasl: NonNullable<KafkaSinkConfig['sasl']>): SASLOptions {
  return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password };
}

/**
 * Splits a batch, in order, into runs in which no topic's approximate size exceeds the limit
 * (a topic's messages fill one record batch per partition; the topics of a request are
 * separate batches, so they need not share one limit).
 */
function chunkBySize(
  messages: readonly StoredOutboxMessage[],
  limit: number,
): StoredOutboxMessage[][] {
  const chunks: StoredOutboxMessage[][] = [];
  let current: StoredOutboxMessage[] = [];
  const sizes = new Map<string, number>();
  for (const message of messages) {
    const bytes = messageBytes(message);
    const size = sizes.get(message.topic) ?? 0;
    if (current.length > 0 && size > 0 && size + bytes > limit) {
      chunks.push(current);
      current = [];
      sizes.clear();
    }
    current.push(message);
    sizes.set(message.topic, (sizes.get(message.topic) ?? 0) + bytes);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function messageBytes(message: StoredOutboxMessage): number {
  let bytes = Buffer.byteLength(message.key) + Buffer.byteLength(message.value ?? '') + 64;
  for (const [name, value] of Object.entries(message.headers)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  return bytes;
}
