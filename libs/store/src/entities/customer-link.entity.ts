import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Which golden record a source record belongs to, and why. */
@Entity({ name: 'customer_links' })
@Index('ix_customer_links_customer', ['customerId'])
export class CustomerLinkEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  connector!: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  object!: string;

  @PrimaryColumn({ name: 'external_id', type: 'varchar', length: 255 })
  externalId!: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId!: string;

  /** The match keys or rule that linked it (JSON). */
  @Column({ type: 'text' })
  evidence!: string;

  @Column({ name: 'linked_at', type: 'varchar', length: 32 })
  linkedAt!: string;
}
