import { type CanonicalField, type CustomerFacts } from '@crosswalk/model';
import { type EntityManager } from 'typeorm';
import { FieldOverrideEntity } from '../entities';
import { SqlStatements } from '../support/sql-statements';

/** A field an operator may pin: every canonical field but the kind. */
export type PinnableField = Exclude<CanonicalField, 'kind'>;

/** A pinned value (the shape of reconcile's FieldOverride). */
export interface StoredFieldOverride {
  field: PinnableField;
  value: CustomerFacts[PinnableField];
  pinnedBy: string;
  pinnedAt: string;
  reason?: string;
}

const COLUMNS = ['customer_id', 'field', 'value', 'pinned_by', 'pinned_at', 'reason'];

/** Pinned field values per customer: they survive later syncs and follow merges. */
export class FieldOverrideRepository {
  private readonly sql: SqlStatements;

  constructor(private readonly manager: EntityManager) {
    this.sql = new SqlStatements(manager);
  }

  /** Pins a value, replacing what was pinned on that field before. */
  async pin(customerId: string, override: StoredFieldOverride): Promise<void> {
    await this.sql.insert('field_overrides', COLUMNS, [toRow(customerId, override)], {
      key: ['customer_id', 'field'],
      update: ['value', 'pinned_by', 'pinned_at', 'reason'],
    });
  }

  /** False when nothing was pinned on the field. */
  async unpin(customerId: string, field: PinnableField): Promise<boolean> {
    const result = await this.manager
      .getRepository(FieldOverrideEntity)
      .delete({ customerId, field });
    return (result.affected ?? 0) > 0;
  }

  /** Overrides per customer id (fields sorted); customers without any are left out. */
  async findFor(customerIds: readonly string[]): Promise<Map<string, StoredFieldOverride[]>> {
    const rows = await this.findRows(customerIds);
    const overrides = new Map<string, StoredFieldOverride[]>();
    for (const row of rows) {
      let list = overrides.get(row.customer_id);
      if (!list) overrides.set(row.customer_id, (list = []));
      list.push(toOverride(row));
    }
    return overrides;
  }

  /**
   * Gives the survivor of a merge the overrides of the customers it absorbed (following chains
   * within `absorbed`). A field the survivor pins itself keeps the survivor's value; among
   * absorbed customers pinning the same field, the newest pin wins. The absorbed keep theirs
   * under their own ids, for an unmerge to hand back.
   */
  async moveTo(absorbed: readonly { id: string; mergedInto: string }[]): Promise<void> {
    if (absorbed.length === 0) return;
    const target = new Map(absorbed.map((entry) => [entry.id, entry.mergedInto]));
    const survivorOf = (id: string): string => {
      let current = id;
      for (let hops = 0; hops <= target.size; hops += 1) {
        const next = target.get(current);
        if (next === undefined) return current;
        current = next;
      }
      return current;
    };
    const survivors = new Set(absorbed.map((entry) => survivorOf(entry.id)));
    const rows = await this.findRows([...target.keys(), ...survivors]);

    const kept = new Set<string>();
    const moved = new Map<string, OverrideRow>();
    for (const row of rows) {
      if (!target.has(row.customer_id)) kept.add(fieldOf(row.customer_id, row.field));
    }
    for (const row of rows) {
      if (!target.has(row.customer_id)) continue;
      const survivor = survivorOf(row.customer_id);
      const name = fieldOf(survivor, row.field);
      if (kept.has(name)) continue;
      const other = moved.get(name);
      if (
        other === undefined ||
        row.pinned_at > other.pinned_at ||
        (row.pinned_at === other.pinned_at && row.customer_id < other.customer_id)
      ) {
        moved.set(name, { ...row, customer_id: survivor });
      }
    }
    await this.sql.insert(
      'field_overrides',
      COLUMNS,
      [...moved.values()].map((row) => [
        row.customer_id,
        row.field,
        row.value,
        row.pinned_by,
        row.pinned_at,
        row.reason,
      ]),
    );
  }

  private async findRows(customerIds: readonly string[]): Promise<OverrideRow[]> {
    const rows = await this.sql.selectIn<OverrideRow>(
      [...new Set(customerIds)],
      [],
      (list) => `SELECT ${COLUMNS.join(', ')} FROM field_overrides WHERE customer_id IN (${list})`,
    );
    // Sorted here: one order whatever the chunks and the database's collation.
    return rows.sort(
      (a, b) => compareText(a.customer_id, b.customer_id) || compareText(a.field, b.field),
    );
  }
}

interface OverrideRow {
  customer_id: string;
  field: PinnableField;
  value: string;
  pinned_by: string;
  pinned_at: string;
  reason: string | null;
}

function toRow(customerId: string, override: StoredFieldOverride): (string | null)[] {
  return [
    customerId,
    override.field,
    // An absent value (a field pinned empty) is stored as JSON null.
    JSON.stringify(override.value ?? null),
    override.pinnedBy,
    override.pinnedAt,
    override.reason ?? null,
  ];
}

function toOverride(row: OverrideRow): StoredFieldOverride {
  const override: StoredFieldOverride = {
    field: row.field,
    value: (JSON.parse(row.value) ?? undefined) as StoredFieldOverride['value'],
    pinnedBy: row.pinned_by,
    pinnedAt: row.pinned_at,
  };
  if (row.reason !== null) override.reason = row.reason;
  return override;
}

function fieldOf(customerId: string, field: string): string {
  return JSON.stringify([customerId, field]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
