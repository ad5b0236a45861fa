import { Entity, Index, PrimaryColumn } from 'typeorm';

/** Blocking index: a normalised key (e-mail, phone, identifier) to the customers holding it. */
@Entity({ name: 'match_keys' })
@Index('ix_match_keys_customer', ['customerId'])
export class MatchKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 512 })
  key!: string;

  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId!: string;
}
