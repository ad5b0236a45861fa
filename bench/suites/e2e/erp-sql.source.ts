import { createConnection } from 'mysql2/promise';
import { createMariaDbDatabase } from '../../../test/infra/mariadb';
import { type TestDatabase } from '../../../test/infra/postgres';
import { type BenchSource } from './bench-source';
import { poolCustomer } from './customer-pool';

const MAPPING = `objects:
  customers:
    kind: organization
    externalId: id
    modifiedAt: updated_at
    fields:
      legalName: { from: name, transforms: [trim] }
      emails: { from: email }
      phones: { from: phone }
      addresses[0].country: { from: country }
      identifiers.vat: { from: vat }
`;

const INSERT_ROWS = 2_000;

/** An ERP customer table on MariaDB, read by watermark (updated_at, id). */
export class ErpSqlBenchSource implements BenchSource {
  readonly type = 'erp-sql';
  readonly mappingYaml = MAPPING;
  private database: TestDatabase | null = null;

  constructor(
    readonly name: string,
    private readonly indexes: readonly number[],
    readonly pageSize: number,
  ) {}

  async prepare(): Promise<void> {
    this.database = await createMariaDbDatabase('bench_erp');
    const connection = await createConnection({ uri: this.database.url });
    try {
      await connection.query(
        `CREATE TABLE customers (
           id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(100), phone VARCHAR(32),
           country VARCHAR(32), vat VARCHAR(32), updated_at DATETIME(3) NOT NULL,
           deleted TINYINT NOT NULL DEFAULT 0, KEY ix_watermark (updated_at, id))`,
      );
      for (let start = 0; start < this.indexes.length; start += INSERT_ROWS) {
        const rows = this.indexes.slice(start, start + INSERT_ROWS).map((index, offset) => {
          const customer = poolCustomer(index);
          return [
            start + offset + 1,
            customer.name,
            customer.email,
            customer.phone,
            customer.country,
            customer.vat,
            `2026-01-${String(1 + (index % 28)).padStart(2, '0')} 09:00:00.000`,
          ];
        });
        await connection.query(
          'INSERT INTO customers (id, name, email, phone, country, vat, updated_at) VALUES ?',
          [rows],
        );
      }
    } finally {
      await connection.end();
    }
  }

  options(): string[] {
    return [
      'dialect: mysql',
      `url: \${env:${this.envName()}}`,
      'table: customers',
      'object: customers',
      'idColumn: id',
      'watermarkColumn: updated_at',
      'softDeleteColumn: deleted',
    ];
  }

  env(): Record<string, string> {
    return { [this.envName()]: this.url() };
  }

  async change(_workspace: unknown, fraction: number, round: number): Promise<number> {
    const every = Math.max(1, Math.round(1 / fraction));
    const connection = await createConnection({ uri: this.url() });
    try {
      const [result] = await connection.query(
        `UPDATE customers SET name = CONCAT(SUBSTRING_INDEX(name, ' (rev', 1), ' (rev ', ?, ')'),
           updated_at = ? WHERE id % ? = 0`,
        [round, `2026-0${1 + Math.min(round, 8)}-01 12:00:00.000`, every],
      );
      return (result as { affectedRows: number }).affectedRows;
    } finally {
      await connection.end();
    }
  }

  async cleanup(): Promise<void> {
    await this.database?.drop();
    this.database = null;
  }

  private url(): string {
    if (this.database === null) throw new Error(`${this.name}: prepare() has not run`);
    return this.database.url;
  }

  private envName(): string {
    return `BENCH_${this.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
  }
}
