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

  /**
   * Objects whose deletes only a full id diff can now find, kept with the checkpoint the page
   * that found it out saved (so call it after `save`, in the same transaction).
   */
  async requireDeleteDiffs(connector: string, objects: readonly string[]): Promise<void> {
    const pending = new Set([...(await this.pendingDeleteDiffs(connector)), ...objects]);
    await this.writePending(connector, pending);
  }

  /** Objects still waiting for a full id diff. */
  async pendingDeleteDiffs(connector: string): Promise<string[]> {
    const row = await this.manager.getRepository(CheckpointEntity).findOneBy({ connector });
    return row?.pendingDeleteDiffs ? (JSON.parse(row.pendingDeleteDiffs) as string[]) : [];
  }

  /** A full id diff of `object` has run: its deletes are known again. */
  async deleteDiffDone(connector: string, object: string): Promise<void> {
    const pending = new Set(await this.pendingDeleteDiffs(connector));
    if (pending.delete(object)) await this.writePending(connector, pending);
  }

  private async writePending(connector: string, pending: ReadonlySet<string>): Promise<void> {
    await this.manager
      .getRepository(CheckpointEntity)
      .update(
        { connector },
        { pendingDeleteDiffs: pending.size === 0 ? null : JSON.stringify([...pending].sort()) },
      );
  }

  /**
   * Forget where a connector was: its next run starts from the beginning. Pending delete
   * diffs stay: reading everything again does not find the records deleted meanwhile.
   */
  async clear(connector: string): Promise<void> {
    const checkpoints = this.manager.getRepository(CheckpointEntity);
    if ((await this.pendingDeleteDiffs(connector)).length === 0) {
      await checkpoints.delete({ connector });
    } else {
      await checkpoints.update({ connector }, { value: 'null' });
    }
  }
}
