import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A link a matcher was unsure of, waiting for a person: one row per (source record, candidate
 * customer), so a decision on one candidate leaves the others pending.
 */
@Entity({ name: 'match_reviews' })
@Index('ix_match_reviews_queue', ['status', 'matchProbability', 'id'])
@Index('ix_match_reviews_customer', ['customerId'])
@Index('ix_match_reviews_candidate', ['candidateCustomerId'])
export class MatchReviewEntity {
  /** UUID v5 of the source key and the candidate: proposing the same pair again finds the row. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  connector!: string;

  @Column({ type: 'varchar', length: 100 })
  object!: string;

  @Column({ name: 'external_id', type: 'varchar', length: 255 })
  externalId!: string;

  /** The customer the source record sits in now. */
  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ name: 'candidate_customer_id', type: 'varchar', length: 36 })
  candidateCustomerId!: string;

  @Column({ type: 'varchar', length: 100 })
  matcher!: string;

  @Column({ name: 'match_probability', type: 'double precision', nullable: true })
  matchProbability!: number | null;

  /** The matcher's evidence for the candidate (JSON). */
  @Column({ type: 'text' })
  evidence!: string;

  /** pending | accepted | rejected | superseded */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;

  @Column({ name: 'decided_at', type: 'varchar', length: 32, nullable: true })
  decidedAt!: string | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 255, nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
