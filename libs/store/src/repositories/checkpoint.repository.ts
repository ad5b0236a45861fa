import { type EntityManager } from 'typeorm';
import { CheckpointEntity } from '../entities';

export type StoredCheckpoint = Readonly<Record<string, unknown>>;

export class CheckpointRepository {
  constructor(private readonly manager: EntityManager) {}

  async find(connector: string): Promise<StoredCheckpoint | null> {
    const row = await this.manager.getRepository(CheckpointEntity).findOneBy({ connector });
    return row ? (JSON.parse(row.value) as StoredCheckpoint) : null;
  }

  async save(connector: string, value: StoredCheckpoint, runId: string, at: string): Promise<void> {
    await this.manager
      .getRepository(CheckpointEntity)
      .upsert({ connector, value: JSON.stringify(value), runId, updatedAt: at }, ['connector']);
  }

  /** Forget where a connector was: its next run starts from the beginning. */
  async clear(connector: string): Promise<void> {
    await this.manager.getRepository(CheckpointEntity).delete({ connector });
  }
}
