import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a connector resumes; written in the same transaction as the page it follows. */
@Entity({ name: 'checkpoints' })
export class CheckpointEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  connector!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;

  /** Objects whose deletes wait for a full id diff (JSON array); null when none. */
  @Column({ name: 'pending_delete_diffs', type: 'text', nullable: true })
  pendingDeleteDiffs!: string | null;
}
