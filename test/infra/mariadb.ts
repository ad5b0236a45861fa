import { createConnection } from 'mysql2/promise';
import type { TestDatabase } from './postgres';
import { requiredEnv, uniqueName } from './unique-name';

/** Creates a fresh, uniquely named database on the test MariaDB server (CROSSWALK_TEST_MARIADB_URL). */
export async function createMariaDbDatabase(prefix = 'test'): Promise<TestDatabase> {
  const serverUrl = requiredEnv('CROSSWALK_TEST_MARIADB_URL');
  const name = uniqueName(prefix);
  await execute(
    serverUrl,
    `CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => execute(serverUrl, `DROP DATABASE IF EXISTS ${name}`),
  };
}

async function execute(url: string, sql: string): Promise<void> {
  const connection = await createConnection({ uri: url });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}
