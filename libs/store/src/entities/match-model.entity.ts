import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A trained match model, versioned; the partial unique index allows one active at most. */
@Entity({ name: 'match_models' })
@Index('ux_match_models_active', ['active'], { unique: true, where: '"active"' })
export class MatchModelEntity {
  @PrimaryColumn({ type: 'integer' })
  version!: number;

  /** The model as JSON. */
  @Column({ type: 'text' })
  model!: string;

  @Column({ name: 'trained_at', type: 'varchar', length: 32 })
  trainedAt!: string;

  /** How many records it was trained on. */
  @Column({ name: 'trained_on', type: 'integer' })
  trainedOn!: number;

  /** Evaluation figures (JSON), when the training produced them. */
  @Column({ type: 'text', nullable: true })
  metrics!: string | null;

  @Column({ type: 'boolean', default: false })
  active!: boolean;
}
