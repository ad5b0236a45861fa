import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A time-bound lock (one connector run at a time, across every instance sharing the store). */
@Entity({ name: 'leases' })
export class LeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 150 })
  name!: string;

  @Column({ type: 'varchar', length: 100 })
  owner!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 32 })
  expiresAt!: string;
}
