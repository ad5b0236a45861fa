import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A connector's checkpoint keeps the objects whose deletes only a full id diff can still find
 * (a delete log that fell short), as a JSON array, until a diff of each has run: the signal
 * commits with the page that raised it, so a run that fails afterwards does not lose it.
 * The same SQL on both dialects.
 */
export class PendingDeleteDiffs1764500000000 implements MigrationInterface {
  name = 'PendingDeleteDiffs1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "checkpoints" ADD "pending_delete_diffs" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "checkpoints" DROP COLUMN "pending_delete_diffs"`);
  }
}
