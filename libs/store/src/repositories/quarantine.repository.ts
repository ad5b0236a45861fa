import { type EntityManager } from 'typeorm';
import { QuarantineEntity } from '../entities';
import { chunkForParameters } from '../support/batching';

export interface QuarantineEntry {
  runId: string;
  connector: string;
  object: string;
  externalId: string | null;
  code: string;
  reason: string;
  location: Record<string, unknown> | null;
  raw: string;
  createdAt: string;
}

export class QuarantineRepository {
  constructor(private readonly manager: EntityManager) {}

  async add(entries: readonly QuarantineEntry[]): Promise<void> {
    const rows = entries.map((entry) => ({
      ...entry,
      location: entry.location === null ? null : JSON.stringify(entry.location),
    }));
    for (const chunk of chunkForParameters(rows, 9)) {
      await this.manager
        .createQueryBuilder()
        .insert()
        .updateEntity(false)
        .into(QuarantineEntity)
        .values(chunk)
        .execute();
    }
  }

  async findRecent(connector: string | null, limit: number): Promise<QuarantineEntry[]> {
    const rows = await this.manager.getRepository(QuarantineEntity).find({
      where: connector === null ? {} : { connector },
      order: { id: 'DESC' },
      take: limit,
    });
    return rows.map((row) => ({
      runId: row.runId,
      connector: row.connector,
      object: row.object,
      externalId: row.externalId,
      code: row.code,
      reason: row.reason,
      location:
        row.location === null ? null : (JSON.parse(row.location) as Record<string, unknown>),
      raw: row.raw,
      createdAt: row.createdAt,
    }));
  }

  async countByConnector(): Promise<Map<string, number>> {
    const rows = await this.manager
      .getRepository(QuarantineEntity)
      .createQueryBuilder('q')
      .select('q.connector', 'connector')
      .addSelect('COUNT(*)', 'count')
      .groupBy('q.connector')
      .getRawMany<{ connector: string; count: string | number }>();
    return new Map(rows.map((row) => [row.connector, Number(row.count)]));
  }
}
