import { type EntityManager } from 'typeorm';
import { CheckpointEntity } from '../entities';
import { SqlStatements } from '../support/sql-statements';

export type StoredCheckpoint = Readonly<Record<string, unknown>>;

export class CheckpointRepository {
  constructor(private readonly manager: EntityManager) {}

  async find(connector: string): Promise<StoredCheckpoint | null> {
    const row = await this.manager.getRepository(CheckpointEntity).findOneBy({ connector });
    return row ? (JSON.parse(row.value) as StoredCheckpoint) : null;
  }

  async save(connector: string, value: StoredCheckpoint, runId: string, at: string): Promise<void> {
    await new SqlStatements(this.manager).insert(
      'checkpoints',
      ['connector', 'value', 'run_id', 'updated_at'],
      [[connector, JSON.stringify(value), runId, at]],
      { key: ['connector'], update: ['value', 'run_id', 'updated_at'] },
    );
  }

  /** Forget where a connector was: its next run starts from the beginning. */
  async clear(connector: string): Promise<void> {
    await this.manager.getRepository(CheckpointEntity).delete({ connector });
  }
}
