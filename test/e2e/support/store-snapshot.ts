import { Client } from 'pg';

/** Everything the pipeline persisted, without the wall-clock columns that differ per run. */
export interface StoreSnapshot {
  customers: unknown[];
  sourceRecords: unknown[];
  links: unknown[];
  matchKeys: unknown[];
  checkpoints: unknown[];
  quarantine: unknown[];
  outboxEventIds: string[];
}

const VOLATILE = new Set(['createdAt', 'updatedAt', 'lastSeenAt', 'observedAt']);

function withoutVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVolatile);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !VOLATILE.has(key))
        .map(([key, inner]) => [key, withoutVolatile(inner)]),
    );
  }
  return value;
}

export async function snapshotStore(url: string): Promise<StoreSnapshot> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = async (sql: string) => (await client.query(sql)).rows as Record<string, unknown>[];
    const customers = await rows(
      'SELECT id, kind, version, record, deleted, merged_into FROM customers ORDER BY id',
    );
    return {
      customers: customers.map((row) => ({
        ...row,
        record: withoutVolatile(JSON.parse(String(row['record']))),
      })),
      sourceRecords: await rows(
        'SELECT connector, object, external_id, payload, content_hash, facts, deleted FROM source_records ORDER BY connector, object, external_id',
      ),
      links: await rows(
        'SELECT connector, object, external_id, customer_id, evidence FROM customer_links ORDER BY connector, object, external_id',
      ),
      matchKeys: await rows('SELECT key, customer_id FROM match_keys ORDER BY key, customer_id'),
      checkpoints: await rows('SELECT connector, value FROM checkpoints ORDER BY connector'),
      quarantine: await rows(
        'SELECT connector, object, external_id, code, reason, location, raw FROM quarantine ORDER BY connector, object, external_id, code',
      ),
      outboxEventIds: (await rows('SELECT event_id FROM outbox ORDER BY event_id')).map((row) =>
        String(row['event_id']),
      ),
    };
  } finally {
    await client.end();
  }
}

export async function countRows(url: string, table: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(`SELECT COUNT(*) AS count FROM ${table}`);
    return Number(result.rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}
