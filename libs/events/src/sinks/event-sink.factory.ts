import { type LoggerService } from '@nestjs/common';
import { type EventSink } from '../outbox/outbox-message';
import { FileEventSink } from './file/file-event.sink';
import { KafkaEventSink, type KafkaSinkConfig } from './kafka/kafka-event.sink';

/** Kafka when brokers are configured, otherwise the embedded NDJSON files. */
export type EventSinkConfig =
  { kind: 'kafka'; kafka: KafkaSinkConfig } | { kind: 'file'; directory: string };

export function createEventSink(
  config: EventSinkConfig,
  options: { logger?: Pick<LoggerService, 'log' | 'warn' | 'error'> } = {},
): EventSink {
  switch (config.kind) {
    case 'kafka':
      return new KafkaEventSink(config.kafka, options);
    case 'file':
      return new FileEventSink({ directory: config.directory });
  }
}
