import { type EntityManager } from 'typeorm';

/**
 * PostgreSQL advisory locks, by name, each held until its transaction ends. SQLite needs none:
 * one process's transactions take turns, and its single writer serialises processes.
 */
export const AdvisoryLock = {
  /** Reconciliation: from a page's first read of customers, keys or links to its commit. */
  GoldenRecords: 'golden-records',
  /** Appends to the outbox, so that sequences commit in their order (the relay's cursor). */
  OutboxOrder: 'outbox-order',
  /** The one relay draining the outbox. */
  Relay: 'outbox-relay',
} as const;

export type AdvisoryLockName = (typeof AdvisoryLock)[keyof typeof AdvisoryLock];

/** Waits for the lock; a no-op outside PostgreSQL. Taking it again in one transaction is free. */
export async function waitForLock(manager: EntityManager, lock: AdvisoryLockName): Promise<void> {
  if (!isPostgres(manager)) return;
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lock]);
}

/** Takes the lock if it is free; always true outside PostgreSQL. */
export async function tryLock(manager: EntityManager, lock: AdvisoryLockName): Promise<boolean> {
  if (!isPostgres(manager)) return true;
  const rows: { locked: boolean }[] = await manager.query(
    'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
    [lock],
  );
  return rows[0]?.locked === true;
}

function isPostgres(manager: EntityManager): boolean {
  return manager.connection.options.type === 'postgres';
}
