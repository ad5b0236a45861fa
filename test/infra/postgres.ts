import { Client } from 'pg';
import { requiredEnv, uniqueName } from './unique-name';

export interface TestDatabase {
  /** Connection URL of the new database. */
  url: string;
  /** Drops the database, closing any connection still open on it. */
  drop(): Promise<void>;
}

/** Creates a fresh, uniquely named database on the test PostgreSQL server (DATABASE_URL). */
export async function createPostgresDatabase(prefix = 'test'): Promise<TestDatabase> {
  const serverUrl = requiredEnv('DATABASE_URL');
  const name = uniqueName(prefix);
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
