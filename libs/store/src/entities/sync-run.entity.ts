import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'sync_runs' })
@Index('ix_sync_runs_connector_started', ['connector', 'startedAt'])
export class SyncRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  connector!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'varchar', length: 16 })
  trigger!: string;

  /** RunCounts as JSON, updated with every page. */
  @Column({ type: 'text' })
  counts!: string;

  /** Seconds per stage as JSON, once the run has finished; null before, and for older runs. */
  @Column({ type: 'text', nullable: true })
  timings!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'started_at', type: 'varchar', length: 32 })
  startedAt!: string;

  @Column({ name: 'finished_at', type: 'varchar', length: 32, nullable: true })
  finishedAt!: string | null;
}
