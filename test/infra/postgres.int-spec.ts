import { Client } from 'pg';
import { createPostgresDatabase, type TestDatabase } from './postgres';

describe('test PostgreSQL server', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createPostgresDatabase('infra_pg');
  });

  afterAll(async () => {
    await database.drop();
  });

  it('is a real PostgreSQL server holding the new database', async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string; db: string }>(
        'SELECT version() AS version, current_database() AS db',
      );
      expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
      expect(rows[0]?.db).toBe(new URL(database.url).pathname.slice(1));

      await client.query('CREATE TABLE probe (id int PRIMARY KEY, note text NOT NULL)');
      await client.query('INSERT INTO probe VALUES (1, $1), (2, $2)', ['one', 'two']);
      const { rows: probe } = await client.query<{ note: string }>(
        'SELECT note FROM probe ORDER BY id',
      );
      expect(probe.map((row) => row.note)).toEqual(['one', 'two']);
      await expect(client.query('INSERT INTO probe VALUES (1, $1)', ['dup'])).rejects.toThrow(
        /duplicate key/,
      );
    } finally {
      await client.end();
    }
  });

  it('gives every caller its own database and drops it', async () => {
    const other = await createPostgresDatabase('infra_pg');
    expect(other.url).not.toBe(database.url);
    await other.drop();

    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const name = new URL(other.url).pathname.slice(1);
      const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      expect(rows).toHaveLength(0);
    } finally {
      await client.end();
    }
  });
});
