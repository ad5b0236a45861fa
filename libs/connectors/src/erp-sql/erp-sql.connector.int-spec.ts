import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import { createMariaDbDatabase } from '../../../../test/infra/mariadb';
import { createPostgresDatabase } from '../../../../test/infra/postgres';
import { ConnectorErrorCode } from '../port/connector-error';
import {
  describeErpSqlConnector,
  type ErpSqlTestDialect,
  type FailureCase,
} from './testing/erp-sql-connector.cases';

/** Server dialects: a bad login and a closed port are theirs alone. */
const serverFailures: FailureCase[] = [
  [
    'a wrong password',
    ({ url }) => {
      const changed = new URL(url);
      changed.username = 'crosswalk_nobody';
      changed.password = 'wrong';
      return { url: changed.toString() };
    },
    ConnectorErrorCode.Auth,
  ],
  [
    'a refused connection',
    ({ url }) => {
      const changed = new URL(url);
      changed.port = '1';
      return { url: changed.toString() };
    },
    ConnectorErrorCode.Temporary,
  ],
];

const dialects: ErpSqlTestDialect[] = [
  {
    dialect: 'postgres',
    create: () => createPostgresDatabase('erp_sql'),
    exec: async (url, sql, params = []) => {
      const client = new Client({ connectionString: url, options: '-c TimeZone=UTC' });
      await client.connect();
      try {
        let n = 0;
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        );
      } finally {
        await client.end();
      }
    },
    ddl: `CREATE TABLE customers (
      id integer PRIMARY KEY, name text, email text,
      updated_at timestamptz, deleted_at timestamptz, photo bytea)`,
    failures: serverFailures,
  },
  {
    dialect: 'mysql',
    create: () => createMariaDbDatabase('erp_sql'),
    exec: async (url, sql, params = []) => {
      const connection = await createConnection({ uri: url, timezone: 'Z' });
      try {
        await connection.query("SET time_zone = '+00:00'");
        await connection.execute(sql, params);
      } finally {
        await connection.end();
      }
    },
    ddl: `CREATE TABLE customers (
      id INT PRIMARY KEY, name VARCHAR(100), email VARCHAR(100),
      updated_at DATETIME(6) NULL, deleted_at DATETIME(6) NULL, photo BLOB NULL)`,
    failures: serverFailures,
  },
];

// SQLite needs no server: its run of the same cases is erp-sql.connector.spec.ts
dialects.forEach(describeErpSqlConnector);
