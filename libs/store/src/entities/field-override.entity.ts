import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A value an operator pinned on one field of a customer; it wins over every source. */
@Entity({ name: 'field_overrides' })
export class FieldOverrideEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  field!: string;

  /** The pinned value (JSON). */
  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'pinned_by', type: 'varchar', length: 255 })
  pinnedBy!: string;

  @Column({ name: 'pinned_at', type: 'varchar', length: 32 })
  pinnedAt!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
