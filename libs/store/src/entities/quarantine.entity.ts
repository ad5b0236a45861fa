import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Records that could not be taken, with the reason and the raw record (invariant 3). */
@Entity({ name: 'quarantine' })
@Index('ix_quarantine_connector', ['connector', 'createdAt'])
export class QuarantineEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) // SQLite's migration declares INTEGER: its rowid is 64-bit
  id!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @Column({ type: 'varchar', length: 100 })
  connector!: string;

  @Column({ type: 'varchar', length: 100 })
  object!: string;

  @Column({ name: 'external_id', type: 'varchar', length: 255, nullable: true })
  externalId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ type: 'text' })
  raw!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;
}
