import { Logger, type Provider } from '@nestjs/common';
import {
  createEventSink,
  type EventSink,
  type EventSinkConfig,
  OutboxRelay,
} from '@crosswalk/events';
import { CrosswalkStore } from '@crosswalk/store';
import { CROSSWALK_CONFIG } from '../boot/boot-options';
import { type AppConfig } from '../boot/config.provider';

export const EVENT_SINK = Symbol('EVENT_SINK');

export function eventSinkConfigOf(config: AppConfig): EventSinkConfig {
  const events = config.events;
  if (events.sink === 'file') return { kind: 'file', directory: events.fileSinkDir };
  return {
    kind: 'kafka',
    kafka: {
      brokers: [...events.kafka.brokers],
      clientId: events.kafka.clientId,
      topicPrefix: events.kafka.topicPrefix,
      partitions: events.kafka.partitions,
      replicationFactor: events.kafka.replicationFactor,
      ssl: events.kafka.ssl,
      ...(events.kafka.sasl ? { sasl: { ...events.kafka.sasl } } : {}),
    },
  };
}

export const eventSinkProvider: Provider = {
  provide: EVENT_SINK,
  inject: [CROSSWALK_CONFIG],
  useFactory: (config: AppConfig): EventSink =>
    createEventSink(eventSinkConfigOf(config), { logger: new Logger('EventSink') }),
};

export const outboxRelayProvider: Provider = {
  provide: OutboxRelay,
  inject: [CrosswalkStore, EVENT_SINK, CROSSWALK_CONFIG],
  useFactory: (store: CrosswalkStore, sink: EventSink, config: AppConfig) =>
    new OutboxRelay(store, sink, { batchSize: config.events.relay.batchSize }),
};
