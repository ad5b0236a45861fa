import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A run keeps where its time went (seconds per stage, as JSON) beside its counts, so the
 * service's scheduled runs say it as the CLI does. Runs recorded before have none (null). The
 * same SQL on both dialects.
 */
export class SyncRunTimings1764300000000 implements MigrationInterface {
  name = 'SyncRunTimings1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_runs" ADD "timings" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP COLUMN "timings"`);
  }
}
