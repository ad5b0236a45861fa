import { type SourceKey, sourceKeyString } from '@crosswalk/model';
import { type EntityManager } from 'typeorm';
import { groupSourceKeys } from '../support/source-key-filter';
import { SqlStatements } from '../support/sql-statements';

export interface CustomerLink {
  key: SourceKey;
  customerId: string;
  /** Why the record joined its customer (the rule and keys), kept to explain the link. */
  evidence: Record<string, unknown>;
}

/** A link as stored, with when it was made. */
export interface StoredCustomerLink extends CustomerLink {
  linkedAt: string;
}

export class CustomerLinkRepository {
  private readonly sql: SqlStatements;

  constructor(manager: EntityManager) {
    this.sql = new SqlStatements(manager);
  }

  /** Customer id per source key string, for the keys that are linked. */
  async findCustomerIds(keys: readonly SourceKey[]): Promise<Map<string, string>> {
    const links = new Map<string, string>();
    for (const group of groupSourceKeys(keys)) {
      const rows = await this.sql.selectIn<{ external_id: string; customer_id: string }>(
        group.externalIds,
        [group.connector, group.object],
        (list) =>
          `SELECT external_id, customer_id FROM customer_links WHERE connector = ${this.sql.placeholder(0)} AND object = ${this.sql.placeholder(1)} AND external_id IN (${list})`,
      );
      for (const row of rows) {
        links.set(
          sourceKeyString({
            connector: group.connector,
            object: group.object,
            externalId: row.external_id,
          }),
          row.customer_id,
        );
      }
    }
    return links;
  }

  /** Every link of one customer, with its evidence, in source key order. */
  async findByCustomer(customerId: string): Promise<StoredCustomerLink[]> {
    const rows = await this.sql.select<{
      connector: string;
      object: string;
      external_id: string;
      evidence: string;
      linked_at: string;
    }>(
      `SELECT connector, object, external_id, evidence, linked_at FROM customer_links WHERE customer_id = ${this.sql.placeholder(0)}`,
      [customerId],
    );
    return rows
      .map((row) => ({
        key: { connector: row.connector, object: row.object, externalId: row.external_id },
        customerId,
        evidence: JSON.parse(row.evidence) as Record<string, unknown>,
        linkedAt: row.linked_at,
      }))
      .sort((a, b) => compareText(sourceKeyString(a.key), sourceKeyString(b.key)));
  }

  async save(links: readonly CustomerLink[], at: string): Promise<void> {
    await this.sql.insert(
      'customer_links',
      ['connector', 'object', 'external_id', 'customer_id', 'evidence', 'linked_at'],
      links.map((link) => [
        link.key.connector,
        link.key.object,
        link.key.externalId,
        link.customerId,
        JSON.stringify(link.evidence),
        at,
      ]),
      {
        key: ['connector', 'object', 'external_id'],
        update: ['customer_id', 'evidence', 'linked_at'],
      },
    );
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
