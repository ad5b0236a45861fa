import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A change event's row says where its golden record sits in the value, so the relay publishes
 * the snapshot record from it: one row per change instead of two. Rows written before keep
 * their separate snapshot rows (both columns null). The same SQL on both dialects.
 */
export class OutboxSnapshotSpan1764100000000 implements MigrationInterface {
  name = 'OutboxSnapshotSpan1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" ADD "snapshot_data_start" integer`);
    await queryRunner.query(`ALTER TABLE "outbox" ADD "snapshot_data_end" integer`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "snapshot_data_end"`);
    await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "snapshot_data_start"`);
  }
}
