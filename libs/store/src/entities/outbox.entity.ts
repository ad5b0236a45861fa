import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Transactional outbox: rows written with the page, relayed to the sink in `sequence` order. */
@Entity({ name: 'outbox' })
@Index('ux_outbox_event_id', ['eventId'], { unique: true })
@Index('ix_outbox_pending', ['publishedAt', 'sequence'])
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) // SQLite's migration declares INTEGER: its rowid is 64-bit
  sequence!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 64 })
  eventId!: string;

  @Column({ type: 'varchar', length: 255 })
  topic!: string;

  @Column({ name: 'message_key', type: 'varchar', length: 512 })
  key!: string;

  @Column({ type: 'text', nullable: true })
  value!: string | null;

  @Column({ type: 'text' })
  headers!: string;

  /** Where a change event's golden record sits in `value`: the relay publishes it as the snapshot record. */
  @Column({ name: 'snapshot_data_start', type: 'integer', nullable: true })
  snapshotDataStart!: number | null;

  @Column({ name: 'snapshot_data_end', type: 'integer', nullable: true })
  snapshotDataEnd!: number | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'published_at', type: 'varchar', length: 32, nullable: true })
  publishedAt!: string | null;
}
