import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The replica: every source record as last read, raw payload included, so nothing a mapping
 * leaves out is lost and the data stays readable while the source is down.
 */
@Entity({ name: 'source_records' })
export class SourceRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  connector!: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  object!: string;

  @PrimaryColumn({ name: 'external_id', type: 'varchar', length: 255 })
  externalId!: string;

  @Column({ type: 'text' })
  payload!: string;

  /** SHA-256 of the canonical JSON of payload + deleted flag: equal hash, nothing to do. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  /** The mapped, normalised facts (JSON), what reconciliation reads. */
  @Column({ type: 'text' })
  facts!: string;

  @Column({ name: 'observed_at', type: 'varchar', length: 32 })
  observedAt!: string;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;

  @Column({ name: 'first_seen_at', type: 'varchar', length: 32 })
  firstSeenAt!: string;

  @Column({ name: 'last_changed_at', type: 'varchar', length: 32 })
  lastChangedAt!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;
}
