import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person's verdict on two source records. The pair is stored in canonical order (the smaller
 * `connector/object/externalId` on the left), so either order names one row; the primary key
 * serves lookups by the left record and the index lookups by the right one.
 */
@Entity({ name: 'pair_decisions' })
@Index('ix_pair_decisions_right', ['rightConnector', 'rightObject', 'rightExternalId'])
export class PairDecisionEntity {
  @PrimaryColumn({ name: 'left_connector', type: 'varchar', length: 100 })
  leftConnector!: string;

  @PrimaryColumn({ name: 'left_object', type: 'varchar', length: 100 })
  leftObject!: string;

  @PrimaryColumn({ name: 'left_external_id', type: 'varchar', length: 255 })
  leftExternalId!: string;

  @PrimaryColumn({ name: 'right_connector', type: 'varchar', length: 100 })
  rightConnector!: string;

  @PrimaryColumn({ name: 'right_object', type: 'varchar', length: 100 })
  rightObject!: string;

  @PrimaryColumn({ name: 'right_external_id', type: 'varchar', length: 255 })
  rightExternalId!: string;

  /** same | distinct */
  @Column({ type: 'varchar', length: 16 })
  verdict!: string;

  /** review | split */
  @Column({ type: 'varchar', length: 16 })
  origin!: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 255 })
  decidedBy!: string;

  @Column({ name: 'decided_at', type: 'varchar', length: 32 })
  decidedAt!: string;
}
