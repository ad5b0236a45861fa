import { Kafka, logLevel } from 'kafkajs';
import { kafkaBrokers, readTopic, type ReadMessage } from '../../infra/kafka';

/** Every message a topic holds now (the sum of its partitions' high watermarks). */
export async function readWholeTopic(topic: string): Promise<ReadMessage[]> {
  const admin = new Kafka({
    clientId: 'crosswalk-e2e-admin',
    brokers: kafkaBrokers(),
    logLevel: logLevel.ERROR,
  }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    const count = offsets.reduce(
      (sum, partition) => sum + Number(partition.high) - Number(partition.low),
      0,
    );
    return await readTopic(topic, { count, timeoutMs: 120_000 });
  } finally {
    await admin.disconnect();
  }
}
