import { type EntityManager } from 'typeorm';
import { SqlStatements } from '../support/sql-statements';

export class MatchKeyRepository {
  private readonly sql: SqlStatements;

  constructor(manager: EntityManager) {
    this.sql = new SqlStatements(manager);
  }

  /** Customer ids holding any of these keys. */
  async findCustomerIds(keys: readonly string[]): Promise<Set<string>> {
    const rows = await this.sql.selectByValues<{ customer_id: string }>(
      'match_keys',
      'key',
      ['customer_id'],
      keys,
    );
    return new Set(rows.map((row) => row.customer_id));
  }

  /** The customers holding each key, for the keys some customer holds. */
  async findHolders(keys: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.sql.selectByValues<{ key: string; customer_id: string }>(
      'match_keys',
      'key',
      ['key', 'customer_id'],
      keys,
    );
    const holders = new Map<string, string[]>();
    for (const row of rows) {
      const list = holders.get(row.key) ?? [];
      list.push(row.customer_id);
      holders.set(row.key, list);
    }
    return holders;
  }

  /**
   * Makes `keys` the exact key set of each customer (an empty set removes a customer's keys).
   * Only the difference to what is stored is written: most pages change few keys of the
   * customers they touch, and new customers have none to remove.
   */
  async replace(keysByCustomer: ReadonlyMap<string, readonly string[]>): Promise<void> {
    const stored = new Map<string, Set<string>>();
    const rows = await this.sql.selectByValues<{ key: string; customer_id: string }>(
      'match_keys',
      'customer_id',
      ['key', 'customer_id'],
      [...keysByCustomer.keys()],
    );
    for (const row of rows) {
      let keys = stored.get(row.customer_id);
      if (!keys) stored.set(row.customer_id, (keys = new Set()));
      keys.add(row.key);
    }

    const cleared: string[] = [];
    const removed: [string, string][] = [];
    const added: [string, string][] = [];
    for (const [customerId, wanted] of keysByCustomer) {
      const before = stored.get(customerId) ?? new Set<string>();
      const after = new Set(wanted);
      if (after.size === 0) {
        if (before.size > 0) cleared.push(customerId);
        continue;
      }
      for (const key of before) if (!after.has(key)) removed.push([key, customerId]);
      for (const key of after) if (!before.has(key)) added.push([key, customerId]);
    }
    // One statement for the page's removed keys: an update changes some keys of many customers.
    await this.sql.deleteRows('match_keys', ['key', 'customer_id'], removed);
    await this.sql.executeIn(
      cleared,
      [],
      (list) => `DELETE FROM match_keys WHERE customer_id IN (${list})`,
    );
    await this.sql.insert('match_keys', ['key', 'customer_id'], added);
  }
}
