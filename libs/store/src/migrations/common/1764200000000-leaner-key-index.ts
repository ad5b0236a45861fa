import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A leaner key index, the same SQL on both dialects:
 * - no `src:` key per record: the customer links say which customer holds a record, so the
 *   key was a second copy of every link;
 * - an organization's directory entry for an identifier is its match key
 *   (`organization:id:<scheme>:<VALUE>`) instead of an `orgdir:id:` copy of it.
 * `down` writes both back: `src:` keys from the links, `orgdir:id:` keys from the identifier
 * keys of live organizations (a superset of the old entries: deleted records' keys count too).
 */
export class LeanerKeyIndex1764200000000 implements MigrationInterface {
  name = 'LeanerKeyIndex1764200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "match_keys" WHERE "key" LIKE 'src:%'`);
    await queryRunner.query(
      `INSERT INTO "match_keys" ("key", "customer_id")
       SELECT 'organization:id:' || substr("key", ${'orgdir:id:'.length + 1}), "customer_id"
       FROM "match_keys" WHERE "key" LIKE 'orgdir:id:%'
       ON CONFLICT DO NOTHING`,
    );
    await queryRunner.query(`DELETE FROM "match_keys" WHERE "key" LIKE 'orgdir:id:%'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // `WHERE true` keeps SQLite from reading ON CONFLICT as part of the SELECT's join.
    await queryRunner.query(
      `INSERT INTO "match_keys" ("key", "customer_id")
       SELECT 'src:' || "connector" || '/' || "object" || '/' || "external_id", "customer_id"
       FROM "customer_links"
       WHERE true
       ON CONFLICT DO NOTHING`,
    );
    await queryRunner.query(
      `INSERT INTO "match_keys" ("key", "customer_id")
       SELECT 'orgdir:id:' || substr(k."key", ${'organization:id:'.length + 1}), k."customer_id"
       FROM "match_keys" k JOIN "customers" c ON c."id" = k."customer_id"
       WHERE k."key" LIKE 'organization:id:%' AND c."deleted" = false AND c."merged_into" IS NULL
       ON CONFLICT DO NOTHING`,
    );
  }
}
