import { type EntityManager } from 'typeorm';
import { MatchModelEntity } from '../entities';
import { SqlStatements } from '../support/sql-statements';

export interface MatchModelVersion {
  version: number;
  trainedAt: string;
  /** How many records it was trained on. */
  trainedOn: number;
  metrics: Record<string, unknown> | null;
  active: boolean;
}

export interface ActiveMatchModel {
  version: number;
  /** The trained model as it was saved (plain JSON). */
  model: unknown;
  trainedAt: string;
  trainedOn: number;
  metrics: Record<string, unknown> | null;
}

/** Trained match models, numbered 1, 2, 3...; at most one is active. */
export class MatchModelRepository {
  private readonly sql: SqlStatements;

  constructor(private readonly manager: EntityManager) {
    this.sql = new SqlStatements(manager);
  }

  /** Stores a new version and makes it the active one; returns its number. */
  async save(trained: {
    model: unknown;
    trainedAt: string;
    trainedOn: number;
    metrics?: Record<string, unknown>;
  }): Promise<number> {
    const [row] = await this.sql.select<{ latest: string | number | null }>(
      'SELECT MAX(version) AS latest FROM match_models',
    );
    const version = Number(row?.latest ?? 0) + 1;
    await this.deactivateAll();
    await this.sql.insert(
      'match_models',
      ['version', 'model', 'trained_at', 'trained_on', 'metrics', 'active'],
      [
        [
          version,
          JSON.stringify(trained.model),
          trained.trainedAt,
          trained.trainedOn,
          trained.metrics === undefined ? null : JSON.stringify(trained.metrics),
          true,
        ],
      ],
    );
    return version;
  }

  async findActive(): Promise<ActiveMatchModel | null> {
    const row = await this.manager.getRepository(MatchModelEntity).findOneBy({ active: true });
    if (!row) return null;
    return {
      version: row.version,
      model: JSON.parse(row.model) as unknown,
      trainedAt: row.trainedAt,
      trainedOn: row.trainedOn,
      metrics: parseMetrics(row.metrics),
    };
  }

  /** Every version, oldest first, without the model itself. */
  async list(): Promise<MatchModelVersion[]> {
    const rows = await this.manager.getRepository(MatchModelEntity).find({
      select: { version: true, trainedAt: true, trainedOn: true, metrics: true, active: true },
      order: { version: 'ASC' },
    });
    return rows.map((row) => ({
      version: row.version,
      trainedAt: row.trainedAt,
      trainedOn: row.trainedOn,
      metrics: parseMetrics(row.metrics),
      active: Boolean(row.active),
    }));
  }

  /** Makes an earlier (or the current) version the active one; false when it does not exist. */
  async activate(version: number): Promise<boolean> {
    const repository = this.manager.getRepository(MatchModelEntity);
    if (!(await repository.existsBy({ version }))) return false;
    // The previous one first: the unique index allows one active row at every moment.
    await this.deactivateAll();
    await repository.update({ version }, { active: true });
    return true;
  }

  private async deactivateAll(): Promise<void> {
    await this.manager.getRepository(MatchModelEntity).update({ active: true }, { active: false });
  }
}

function parseMetrics(metrics: string | null): Record<string, unknown> | null {
  return metrics === null ? null : (JSON.parse(metrics) as Record<string, unknown>);
}
