import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Initial schema for PostgreSQL. */
export class InitialSchemaPostgres1763900000000 implements MigrationInterface {
  name = 'InitialSchemaPostgres1763900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "checkpoints" ("connector" character varying(100) NOT NULL, "value" text NOT NULL, "run_id" character varying(36) NOT NULL, "updated_at" character varying(32) NOT NULL, CONSTRAINT "PK_2d8cd2eafb4e8ab492887cff81e" PRIMARY KEY ("connector"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "customer_links" ("connector" character varying(100) NOT NULL, "object" character varying(100) NOT NULL, "external_id" character varying(255) NOT NULL, "customer_id" character varying(36) NOT NULL, "evidence" text NOT NULL, "linked_at" character varying(32) NOT NULL, CONSTRAINT "PK_39be8ae813e65679910a8de38d5" PRIMARY KEY ("connector", "object", "external_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_customer_links_customer" ON "customer_links" ("customer_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "customers" ("id" character varying(36) NOT NULL, "kind" character varying(16) NOT NULL, "version" integer NOT NULL, "record" text NOT NULL, "deleted" boolean NOT NULL DEFAULT false, "merged_into" character varying(36), "created_at" character varying(32) NOT NULL, "updated_at" character varying(32) NOT NULL, CONSTRAINT "PK_133ec679a801fab5e070f73d3ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "leases" ("name" character varying(150) NOT NULL, "owner" character varying(100) NOT NULL, "expires_at" character varying(32) NOT NULL, CONSTRAINT "PK_8f564523b661f9e2648c3377687" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "match_keys" ("key" character varying(512) NOT NULL, "customer_id" character varying(36) NOT NULL, CONSTRAINT "PK_baff444f435150bfc78723d402f" PRIMARY KEY ("key", "customer_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_match_keys_customer" ON "match_keys" ("customer_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox" ("sequence" BIGSERIAL NOT NULL, "event_id" character varying(64) NOT NULL, "topic" character varying(255) NOT NULL, "message_key" character varying(512) NOT NULL, "value" text, "headers" text NOT NULL, "created_at" character varying(32) NOT NULL, "published_at" character varying(32), CONSTRAINT "PK_c2e6d231ef9d59cd2e1cb40316c" PRIMARY KEY ("sequence"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_pending" ON "outbox" ("published_at", "sequence")`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_outbox_event_id" ON "outbox" ("event_id")`);
    await queryRunner.query(
      `CREATE TABLE "quarantine" ("id" BIGSERIAL NOT NULL, "run_id" character varying(36) NOT NULL, "connector" character varying(100) NOT NULL, "object" character varying(100) NOT NULL, "external_id" character varying(255), "code" character varying(64) NOT NULL, "reason" text NOT NULL, "location" text, "raw" text NOT NULL, "created_at" character varying(32) NOT NULL, CONSTRAINT "PK_c1cbd36649a09294e417ae639fa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_quarantine_connector" ON "quarantine" ("connector", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "source_records" ("connector" character varying(100) NOT NULL, "object" character varying(100) NOT NULL, "external_id" character varying(255) NOT NULL, "payload" text NOT NULL, "content_hash" character varying(64) NOT NULL, "facts" text NOT NULL, "observed_at" character varying(32) NOT NULL, "deleted" boolean NOT NULL DEFAULT false, "first_seen_at" character varying(32) NOT NULL, "last_changed_at" character varying(32) NOT NULL, "run_id" character varying(36) NOT NULL, CONSTRAINT "PK_4155f651e26ff8b4f5d98b14d76" PRIMARY KEY ("connector", "object", "external_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sync_runs" ("id" character varying(36) NOT NULL, "connector" character varying(100) NOT NULL, "status" character varying(16) NOT NULL, "trigger" character varying(16) NOT NULL, "counts" text NOT NULL, "error" text, "started_at" character varying(32) NOT NULL, "finished_at" character varying(32), CONSTRAINT "PK_adf13fff41a683b3b991fb90b11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_sync_runs_connector_started" ON "sync_runs" ("connector", "started_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_sync_runs_connector_started"`);
    await queryRunner.query(`DROP TABLE "sync_runs"`);
    await queryRunner.query(`DROP TABLE "source_records"`);
    await queryRunner.query(`DROP INDEX "ix_quarantine_connector"`);
    await queryRunner.query(`DROP TABLE "quarantine"`);
    await queryRunner.query(`DROP INDEX "ux_outbox_event_id"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_pending"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP INDEX "ix_match_keys_customer"`);
    await queryRunner.query(`DROP TABLE "match_keys"`);
    await queryRunner.query(`DROP TABLE "leases"`);
    await queryRunner.query(`DROP TABLE "customers"`);
    await queryRunner.query(`DROP INDEX "ix_customer_links_customer"`);
    await queryRunner.query(`DROP TABLE "customer_links"`);
    await queryRunner.query(`DROP TABLE "checkpoints"`);
  }
}
