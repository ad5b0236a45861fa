import { type EntityManager } from 'typeorm';
import { SyncRunEntity } from '../entities';

export type SyncRunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';
export type SyncRunTrigger = 'cli' | 'schedule' | 'api';

export interface SyncRun {
  id: string;
  connector: string;
  status: SyncRunStatus;
  trigger: SyncRunTrigger;
  counts: Record<string, number>;
  /** Seconds per stage of a finished run (null while it runs, and for runs recorded before). */
  timings: Record<string, number> | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export class SyncRunRepository {
  constructor(private readonly manager: EntityManager) {}

  async start(run: Omit<SyncRun, 'status' | 'timings' | 'error' | 'finishedAt'>): Promise<void> {
    await this.manager.getRepository(SyncRunEntity).insert({
      ...run,
      status: 'running',
      counts: JSON.stringify(run.counts),
      timings: null,
      error: null,
      finishedAt: null,
    });
  }

  async updateCounts(id: string, counts: Record<string, number>): Promise<void> {
    await this.manager
      .getRepository(SyncRunEntity)
      .update({ id }, { counts: JSON.stringify(counts) });
  }

  async finish(
    id: string,
    outcome: {
      status: Exclude<SyncRunStatus, 'running'>;
      counts: Record<string, number>;
      timings: Record<string, number>;
      error: string | null;
      at: string;
    },
  ): Promise<void> {
    await this.manager.getRepository(SyncRunEntity).update(
      { id },
      {
        status: outcome.status,
        counts: JSON.stringify(outcome.counts),
        timings: JSON.stringify(outcome.timings),
        error: outcome.error,
        finishedAt: outcome.at,
      },
    );
  }

  /** Runs left `running` by a process that died: they hold no lease any more. */
  async markAbandoned(connector: string, at: string): Promise<number> {
    const result = await this.manager.getRepository(SyncRunEntity).update(
      { connector, status: 'running' },
      {
        status: 'interrupted',
        error: 'the process running it stopped before it finished',
        finishedAt: at,
      },
    );
    return result.affected ?? 0;
  }

  async findLatest(connector: string | null, limit: number): Promise<SyncRun[]> {
    const rows = await this.manager.getRepository(SyncRunEntity).find({
      where: connector === null ? {} : { connector },
      order: { startedAt: 'DESC' },
      take: limit,
    });
    return rows.map((row) => ({
      id: row.id,
      connector: row.connector,
      status: row.status as SyncRunStatus,
      trigger: row.trigger as SyncRunTrigger,
      counts: JSON.parse(row.counts) as Record<string, number>,
      timings: row.timings === null ? null : (JSON.parse(row.timings) as Record<string, number>),
      error: row.error,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
    }));
  }
}
