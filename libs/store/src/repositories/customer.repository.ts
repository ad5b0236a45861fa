import { type GoldenRecord, goldenRecordJson } from '@crosswalk/model';
import { type EntityManager, IsNull, Not } from 'typeorm';
import { CustomerEntity } from '../entities';
import { SqlStatements } from '../support/sql-statements';

export class CustomerRepository {
  private readonly sql: SqlStatements;

  constructor(private readonly manager: EntityManager) {
    this.sql = new SqlStatements(manager);
  }

  /** Live golden records (not absorbed by a merge) by id, in id order. */
  async findByIds(ids: readonly string[]): Promise<GoldenRecord[]> {
    const rows = await this.sql.selectIn<{ id: string; record: string }>(
      [...new Set(ids)],
      [],
      (list) => `SELECT id, record FROM customers WHERE id IN (${list}) AND merged_into IS NULL`,
    );
    // Sorted here: one order whatever the chunks, and no sort in the database.
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return rows.map(toGoldenRecord);
  }

  async findById(id: string): Promise<GoldenRecord | null> {
    const row = await this.manager.getRepository(CustomerEntity).findOneBy({ id });
    return row && row.mergedInto === null ? toGoldenRecord(row) : null;
  }

  /** The stored golden record, also of a customer a merge absorbed (as it was then). */
  async findRecord(id: string): Promise<GoldenRecord | null> {
    const row = await this.manager.getRepository(CustomerEntity).findOneBy({ id });
    return row ? toGoldenRecord(row) : null;
  }

  /** Where an absorbed id went (follows chains of merges). */
  async resolveId(id: string): Promise<string | null> {
    let current = id;
    for (let hops = 0; hops < 64; hops += 1) {
      const row = await this.manager
        .getRepository(CustomerEntity)
        .findOne({ where: { id: current }, select: { id: true, mergedInto: true } });
      if (!row) return null;
      if (row.mergedInto === null) return row.id;
      current = row.mergedInto;
    }
    return null;
  }

  async save(records: readonly GoldenRecord[]): Promise<void> {
    await this.sql.insert(
      'customers',
      ['id', 'kind', 'version', 'record', 'deleted', 'merged_into', 'created_at', 'updated_at'],
      records.map((record) => [
        record.id,
        record.kind,
        record.version,
        goldenRecordJson(record),
        record.deleted,
        null,
        record.createdAt,
        record.updatedAt,
      ]),
      {
        key: ['id'],
        update: ['kind', 'version', 'record', 'deleted', 'merged_into', 'updated_at'],
      },
    );
  }

  async markMerged(
    absorbed: readonly { id: string; mergedInto: string }[],
    at: string,
  ): Promise<void> {
    const byTarget = new Map<string, string[]>();
    for (const entry of absorbed) {
      byTarget.set(entry.mergedInto, [...(byTarget.get(entry.mergedInto) ?? []), entry.id]);
    }
    for (const [target, ids] of byTarget) {
      await this.sql.executeIn(
        ids,
        [target, at],
        (list) =>
          `UPDATE customers SET merged_into = ${this.sql.placeholder(0)}, updated_at = ${this.sql.placeholder(1)} WHERE id IN (${list})`,
      );
    }
  }

  /**
   * Makes a customer a merge absorbed live again (an unmerge); false when it was not absorbed.
   * Its golden record is saved separately, once recomputed from the members it gets back.
   */
  async revive(id: string, now: string): Promise<boolean> {
    const result = await this.manager
      .getRepository(CustomerEntity)
      .update({ id, mergedInto: Not(IsNull()) }, { mergedInto: null, updatedAt: now });
    return (result.affected ?? 0) > 0;
  }

  /** Ids of the customers merged directly into this one, in id order. */
  async findAbsorbedInto(id: string): Promise<string[]> {
    const rows = await this.sql.select<{ id: string }>(
      `SELECT id FROM customers WHERE merged_into = ${this.sql.placeholder(0)}`,
      [id],
    );
    return rows.map((row) => row.id).sort();
  }

  async countByState(): Promise<{ live: number; deleted: number; merged: number }> {
    const rows = await this.manager
      .getRepository(CustomerEntity)
      .createQueryBuilder('c')
      .select('SUM(CASE WHEN c.mergedInto IS NULL AND NOT c.deleted THEN 1 ELSE 0 END)', 'live')
      .addSelect('SUM(CASE WHEN c.mergedInto IS NULL AND c.deleted THEN 1 ELSE 0 END)', 'deleted')
      .addSelect('SUM(CASE WHEN c.mergedInto IS NOT NULL THEN 1 ELSE 0 END)', 'merged')
      .getRawOne<{ live: unknown; deleted: unknown; merged: unknown }>();
    return {
      live: Number(rows?.live ?? 0),
      deleted: Number(rows?.deleted ?? 0),
      merged: Number(rows?.merged ?? 0),
    };
  }
}

function toGoldenRecord(row: { record: string }): GoldenRecord {
  return JSON.parse(row.record) as GoldenRecord;
}
