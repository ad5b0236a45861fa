import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A golden record. An absorbed one keeps its row with `merged_into` set, so old ids resolve. */
@Entity({ name: 'customers' })
@Index('ix_customers_merged_into', ['mergedInto'])
export class CustomerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ type: 'integer' })
  version!: number;

  /** The whole GoldenRecord as JSON. */
  @Column({ type: 'text' })
  record!: string;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;

  @Column({ name: 'merged_into', type: 'varchar', length: 36, nullable: true })
  mergedInto!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}
