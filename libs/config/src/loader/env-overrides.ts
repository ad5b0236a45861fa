import { type ConfigEnv } from '../secrets/reference.resolver';

/** Which environment variable set which key, to say so in messages. */
export type OverriddenKeys = ReadonlyMap<string, string>;

function section(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * DATABASE_URL selects PostgreSQL and KAFKA_BROKERS (comma separated) selects Kafka,
 * whatever the file says. An empty variable counts as unset.
 */
export function applyEnvOverrides(
  config: Record<string, unknown>,
  env: ConfigEnv,
): { config: Record<string, unknown>; overridden: OverriddenKeys } {
  const result = { ...config };
  const overridden = new Map<string, string>();
  const databaseUrl = env['DATABASE_URL'];
  if (databaseUrl) {
    result['store'] = { ...section(result['store']), database: 'postgres', url: databaseUrl };
    overridden.set('store.database', 'DATABASE_URL').set('store.url', 'DATABASE_URL');
  }
  const kafkaBrokers = env['KAFKA_BROKERS'];
  if (kafkaBrokers) {
    const events = section(result['events']);
    const brokers = kafkaBrokers
      .split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker !== '');
    result['events'] = {
      ...events,
      sink: 'kafka',
      kafka: { ...section(events['kafka']), brokers },
    };
    overridden.set('events.sink', 'KAFKA_BROKERS').set('events.kafka.brokers', 'KAFKA_BROKERS');
  }
  return { config: result, overridden };
}
