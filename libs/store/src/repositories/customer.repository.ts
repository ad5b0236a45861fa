import { type GoldenRecord } from '@crosswalk/model';
import { type EntityManager, In, IsNull } from 'typeorm';
import { CustomerEntity } from '../entities';
import { chunkForParameters } from '../support/batching';

export class CustomerRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Live golden records (not absorbed by a merge) by id. */
  async findByIds(ids: readonly string[]): Promise<GoldenRecord[]> {
    const records: GoldenRecord[] = [];
    for (const chunk of chunkForParameters([...new Set(ids)], 1)) {
      if (chunk.length === 0) continue;
      const rows = await this.manager
        .getRepository(CustomerEntity)
        .find({ where: { id: In(chunk), mergedInto: IsNull() }, order: { id: 'ASC' } });
      records.push(...rows.map(toGoldenRecord));
    }
    return records;
  }

  async findById(id: string): Promise<GoldenRecord | null> {
    const row = await this.manager.getRepository(CustomerEntity).findOneBy({ id });
    return row && row.mergedInto === null ? toGoldenRecord(row) : null;
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
    const rows = records.map((record) => ({
      id: record.id,
      kind: record.kind,
      version: record.version,
      record: JSON.stringify(record),
      deleted: record.deleted,
      mergedInto: null,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    }));
    for (const chunk of chunkForParameters(rows, 8)) {
      await this.manager
        .createQueryBuilder()
        .insert()
        .updateEntity(false)
        .into(CustomerEntity)
        .values(chunk)
        .orUpdate(['kind', 'version', 'record', 'deleted', 'merged_into', 'updated_at'], ['id'])
        .execute();
    }
  }

  async markMerged(
    absorbed: readonly { id: string; mergedInto: string }[],
    at: string,
  ): Promise<void> {
    for (const entry of absorbed) {
      await this.manager
        .getRepository(CustomerEntity)
        .update({ id: entry.id }, { mergedInto: entry.mergedInto, updatedAt: at });
    }
  }

  /** Live golden records in id order, a page at a time (replay, export). */
  async findPage(after: string | null, limit: number): Promise<GoldenRecord[]> {
    const query = this.manager
      .getRepository(CustomerEntity)
      .createQueryBuilder('c')
      .where('c.mergedInto IS NULL')
      .orderBy('c.id')
      .limit(limit);
    if (after !== null) query.andWhere('c.id > :after', { after });
    return (await query.getMany()).map(toGoldenRecord);
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

function toGoldenRecord(row: CustomerEntity): GoldenRecord {
  return JSON.parse(row.record) as GoldenRecord;
}
