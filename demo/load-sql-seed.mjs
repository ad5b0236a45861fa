#!/usr/bin/env node
// Loads an SQL seed (demo/generated/erp-customers.sql) into an SQLite file, the demo's ERP
// database: node demo/load-sql-seed.mjs <seed.sql> <sqlite file>
// The database is built beside the target and renamed over it, so a reader never sees a
// half-loaded file.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const [seedArg, targetArg] = process.argv.slice(2);
if (!seedArg || !targetArg) {
  console.error('usage: node demo/load-sql-seed.mjs <seed.sql> <sqlite file>');
  process.exit(2);
}
const seed = resolve(seedArg);
const target = resolve(targetArg);
const staging = join(dirname(target), `.${basename(target)}.${process.pid}.loading`);

try {
  const sql = readFileSync(seed, 'utf8');
  mkdirSync(dirname(target), { recursive: true });
  rmSync(staging, { force: true });
  const db = new Database(staging);
  let counts;
  try {
    db.exec('BEGIN');
    db.exec(sql);
    db.exec('COMMIT');
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all();
    counts = tables.map((table) => {
      const quoted = `"${String(table).replace(/"/g, '""')}"`;
      return `${table}: ${db.prepare(`SELECT COUNT(*) FROM ${quoted}`).pluck().get()} rows`;
    });
  } finally {
    db.close();
  }
  renameSync(staging, target);
  console.log(`loaded ${seedArg} into ${targetArg} (${counts.join(', ')})`);
} catch (error) {
  rmSync(staging, { force: true });
  console.error(
    `could not load ${seedArg} into ${targetArg}: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
