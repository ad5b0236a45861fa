import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { kafkaBrokers, readTopic, uniqueTopicPrefix } from './kafka';

describe('test Kafka broker', () => {
  const kafka = new Kafka({
    clientId: 'infra-spec',
    brokers: kafkaBrokers(),
    logLevel: logLevel.ERROR,
  });

  it('is a real broker that stores and returns what was produced, in order per partition', async () => {
    const topic = `${uniqueTopicPrefix()}probe`;
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers.length).toBeGreaterThanOrEqual(1);
      await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }

    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      await producer.send({
        topic,
        acks: -1,
        messages: [
          { key: 'customer-1', value: 'first', headers: { 'ce-id': 'e1' }, partition: 0 },
          { key: 'customer-2', value: 'second', partition: 1 },
          { key: 'customer-1', value: 'third', headers: { 'ce-id': 'e3' }, partition: 0 },
          { key: null, value: null, partition: 1 },
        ],
      });
    } finally {
      await producer.disconnect();
    }

    const messages = await readTopic(topic, { count: 4, timeoutMs: 60000 });
    const byPartition = (partition: number) => messages.filter((m) => m.partition === partition);
    expect(byPartition(0)).toEqual([
      { key: 'customer-1', value: 'first', headers: { 'ce-id': 'e1' }, partition: 0, offset: '0' },
      { key: 'customer-1', value: 'third', headers: { 'ce-id': 'e3' }, partition: 0, offset: '1' },
    ]);
    expect(byPartition(1)).toEqual([
      { key: 'customer-2', value: 'second', headers: {}, partition: 1, offset: '0' },
      { key: null, value: null, headers: {}, partition: 1, offset: '1' },
    ]);
  }, 120000);

  it('fails a read that does not get the messages it waits for', async () => {
    const topic = `${uniqueTopicPrefix()}empty`;
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    await expect(readTopic(topic, { count: 1, timeoutMs: 3000 })).rejects.toThrow(
      /0 of 1 messages within 3000 ms/,
    );
  }, 60000);

  it('hands out distinct topic prefixes', () => {
    const prefixes = new Set(Array.from({ length: 50 }, () => uniqueTopicPrefix()));
    expect(prefixes.size).toBe(50);
    for (const prefix of prefixes) expect(prefix).toMatch(/^t-[0-9a-f]{12}\.$/);
  });
});
