import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Initial schema for the embedded SQLite store. */
export class InitialSchemaSqlite1763900000000 implements MigrationInterface {
  name = 'InitialSchemaSqlite1763900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "checkpoints" ("connector" varchar(100) PRIMARY KEY NOT NULL, "value" text NOT NULL, "run_id" varchar(36) NOT NULL, "updated_at" varchar(32) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "customer_links" ("connector" varchar(100) NOT NULL, "object" varchar(100) NOT NULL, "external_id" varchar(255) NOT NULL, "customer_id" varchar(36) NOT NULL, "evidence" text NOT NULL, "linked_at" varchar(32) NOT NULL, PRIMARY KEY ("connector", "object", "external_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_customer_links_customer" ON "customer_links" ("customer_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "customers" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(16) NOT NULL, "version" integer NOT NULL, "record" text NOT NULL, "deleted" boolean NOT NULL DEFAULT (0), "merged_into" varchar(36), "created_at" varchar(32) NOT NULL, "updated_at" varchar(32) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "leases" ("name" varchar(150) PRIMARY KEY NOT NULL, "owner" varchar(100) NOT NULL, "expires_at" varchar(32) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "match_keys" ("key" varchar(512) NOT NULL, "customer_id" varchar(36) NOT NULL, PRIMARY KEY ("key", "customer_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_match_keys_customer" ON "match_keys" ("customer_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox" ("sequence" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_id" varchar(64) NOT NULL, "topic" varchar(255) NOT NULL, "message_key" varchar(512) NOT NULL, "value" text, "headers" text NOT NULL, "created_at" varchar(32) NOT NULL, "published_at" varchar(32))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_pending" ON "outbox" ("published_at", "sequence")`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_outbox_event_id" ON "outbox" ("event_id")`);
    await queryRunner.query(
      `CREATE TABLE "quarantine" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "run_id" varchar(36) NOT NULL, "connector" varchar(100) NOT NULL, "object" varchar(100) NOT NULL, "external_id" varchar(255), "code" varchar(64) NOT NULL, "reason" text NOT NULL, "location" text, "raw" text NOT NULL, "created_at" varchar(32) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_quarantine_connector" ON "quarantine" ("connector", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "source_records" ("connector" varchar(100) NOT NULL, "object" varchar(100) NOT NULL, "external_id" varchar(255) NOT NULL, "payload" text NOT NULL, "content_hash" varchar(64) NOT NULL, "facts" text NOT NULL, "observed_at" varchar(32) NOT NULL, "deleted" boolean NOT NULL DEFAULT (0), "first_seen_at" varchar(32) NOT NULL, "last_changed_at" varchar(32) NOT NULL, "run_id" varchar(36) NOT NULL, PRIMARY KEY ("connector", "object", "external_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sync_runs" ("id" varchar(36) PRIMARY KEY NOT NULL, "connector" varchar(100) NOT NULL, "status" varchar(16) NOT NULL, "trigger" varchar(16) NOT NULL, "counts" text NOT NULL, "error" text, "started_at" varchar(32) NOT NULL, "finished_at" varchar(32))`,
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
