import { type EntityManager } from 'typeorm';
import { QuarantineEntity } from '../entities';
import { SqlStatements } from '../support/sql-statements';

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
  private readonly sql: SqlStatements;

  constructor(private readonly manager: EntityManager) {
    this.sql = new SqlStatements(manager);
  }

  async add(entries: readonly QuarantineEntry[]): Promise<void> {
    await this.sql.insert(
      'quarantine',
      [
        'run_id',
        'connector',
        'object',
        'external_id',
        'code',
        'reason',
        'location',
        'raw',
        'created_at',
      ],
      entries.map((entry) => [
        entry.runId,
        entry.connector,
        entry.object,
        entry.externalId,
        entry.code,
        entry.reason,
        entry.location === null ? null : JSON.stringify(entry.location),
        entry.raw,
        entry.createdAt,
      ]),
    );
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
