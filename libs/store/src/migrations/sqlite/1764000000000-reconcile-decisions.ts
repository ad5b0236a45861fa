import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Review queue, remembered pair decisions, pinned field values and stored match models. */
export class ReconcileDecisionsSqlite1764000000000 implements MigrationInterface {
  name = 'ReconcileDecisionsSqlite1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "field_overrides" ("customer_id" varchar(36) NOT NULL, "field" varchar(64) NOT NULL, "value" text NOT NULL, "pinned_by" varchar(255) NOT NULL, "pinned_at" varchar(32) NOT NULL, "reason" text, PRIMARY KEY ("customer_id", "field"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "match_models" ("version" integer PRIMARY KEY NOT NULL, "model" text NOT NULL, "trained_at" varchar(32) NOT NULL, "trained_on" integer NOT NULL, "metrics" text, "active" boolean NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_match_models_active" ON "match_models" ("active") WHERE "active"`,
    );
    await queryRunner.query(
      `CREATE TABLE "match_reviews" ("id" varchar(36) PRIMARY KEY NOT NULL, "connector" varchar(100) NOT NULL, "object" varchar(100) NOT NULL, "external_id" varchar(255) NOT NULL, "customer_id" varchar(36) NOT NULL, "candidate_customer_id" varchar(36) NOT NULL, "matcher" varchar(100) NOT NULL, "match_probability" double precision, "evidence" text NOT NULL, "status" varchar(16) NOT NULL, "created_at" varchar(32) NOT NULL, "updated_at" varchar(32) NOT NULL, "decided_at" varchar(32), "decided_by" varchar(255), "note" text)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_match_reviews_candidate" ON "match_reviews" ("candidate_customer_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_match_reviews_customer" ON "match_reviews" ("customer_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_match_reviews_queue" ON "match_reviews" ("status", "match_probability", "id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "pair_decisions" ("left_connector" varchar(100) NOT NULL, "left_object" varchar(100) NOT NULL, "left_external_id" varchar(255) NOT NULL, "right_connector" varchar(100) NOT NULL, "right_object" varchar(100) NOT NULL, "right_external_id" varchar(255) NOT NULL, "verdict" varchar(16) NOT NULL, "origin" varchar(16) NOT NULL, "decided_by" varchar(255) NOT NULL, "decided_at" varchar(32) NOT NULL, PRIMARY KEY ("left_connector", "left_object", "left_external_id", "right_connector", "right_object", "right_external_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pair_decisions_right" ON "pair_decisions" ("right_connector", "right_object", "right_external_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_customers_merged_into" ON "customers" ("merged_into")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_customers_merged_into"`);
    await queryRunner.query(`DROP INDEX "ix_pair_decisions_right"`);
    await queryRunner.query(`DROP TABLE "pair_decisions"`);
    await queryRunner.query(`DROP INDEX "ix_match_reviews_queue"`);
    await queryRunner.query(`DROP INDEX "ix_match_reviews_customer"`);
    await queryRunner.query(`DROP INDEX "ix_match_reviews_candidate"`);
    await queryRunner.query(`DROP TABLE "match_reviews"`);
    await queryRunner.query(`DROP INDEX "ux_match_models_active"`);
    await queryRunner.query(`DROP TABLE "match_models"`);
    await queryRunner.query(`DROP TABLE "field_overrides"`);
  }
}
