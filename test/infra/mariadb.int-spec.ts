import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { createMariaDbDatabase } from './mariadb';
import type { TestDatabase } from './postgres';

describe('test MariaDB server', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createMariaDbDatabase('infra_maria');
  });

  afterAll(async () => {
    await database.drop();
  });

  it('is a real MariaDB server holding the new database', async () => {
    const connection = await createConnection({ uri: database.url });
    try {
      const [info] = await connection.query<RowDataPacket[]>(
        'SELECT VERSION() AS version, DATABASE() AS db',
      );
      expect(String(info[0]?.version)).toMatch(/MariaDB/);
      expect(info[0]?.db).toBe(new URL(database.url).pathname.slice(1));

      await connection.query(
        'CREATE TABLE probe (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, updated_at DATETIME(3) NOT NULL)',
      );
      await connection.query('INSERT INTO probe VALUES (1, ?, NOW(3)), (2, ?, NOW(3))', [
        'Müller',
        'Ødegård',
      ]);
      const [rows] = await connection.query<RowDataPacket[]>('SELECT name FROM probe ORDER BY id');
      expect(rows.map((row) => String(row.name))).toEqual(['Müller', 'Ødegård']);
      await expect(
        connection.query('INSERT INTO probe VALUES (1, ?, NOW(3))', ['dup']),
      ).rejects.toThrow(/Duplicate entry/);
    } finally {
      await connection.end();
    }
  });

  it('gives every caller its own database and drops it', async () => {
    const other = await createMariaDbDatabase('infra_maria');
    expect(other.url).not.toBe(database.url);
    await other.drop();

    const connection = await createConnection({ uri: database.url });
    try {
      const name = new URL(other.url).pathname.slice(1);
      const [rows] = await connection.query<RowDataPacket[]>(
        'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [name],
      );
      expect(rows).toHaveLength(0);
    } finally {
      await connection.end();
    }
  });
});
