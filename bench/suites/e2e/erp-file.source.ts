import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
// The same export layout and mapping as the end-to-end specs use.
import { ERP_CSV_HEADER, ERP_CSV_MAPPING } from '../../../test/e2e/support/erp-export';
import { type BenchSource, type BenchWorkspaceView } from './bench-source';
import { poolCustomer } from './customer-pool';

/** Every 1000th row has a broken e-mail: quarantined, the rest of its page goes on. */
const BROKEN_EVERY = 1000;

/** ERP customer exports dropped as CSV files (`;`-separated, UTF-8). */
export class ErpFileBenchSource implements BenchSource {
  readonly type = 'erp-file';
  readonly mappingYaml = ERP_CSV_MAPPING;

  constructor(
    readonly name: string,
    private readonly indexes: readonly number[],
    readonly pageSize: number,
  ) {}

  async prepare(workspace: BenchWorkspaceView): Promise<void> {
    await this.writeFile(workspace, 'customers-full.csv', this.indexes, 0);
  }

  options(): string[] {
    return [
      `dropFolder: ../drop/${this.name}`,
      "filePattern: '*.csv'",
      'object: customers',
      'idColumns: [CUSTNO]',
      'csv:',
      "  delimiter: ';'",
    ];
  }

  env(): Record<string, string> {
    return {};
  }

  /** A delta export holding the changed rows only, as ERP systems send them. */
  async change(workspace: BenchWorkspaceView, fraction: number, round: number): Promise<number> {
    const every = Math.max(1, Math.round(1 / fraction));
    const changed = this.indexes.filter((_, position) => position % every === every - 1);
    await this.writeFile(workspace, `customers-delta-${round}.csv`, changed, round);
    return changed.length;
  }

  cleanup(): Promise<void> {
    return Promise.resolve();
  }

  private async writeFile(
    workspace: BenchWorkspaceView,
    file: string,
    indexes: readonly number[],
    round: number,
  ): Promise<void> {
    const folder = join(workspace.dropFolder, this.name);
    mkdirSync(folder, { recursive: true });
    const out = createWriteStream(join(folder, file), { encoding: 'utf8' });
    out.write(`${ERP_CSV_HEADER}\n`);
    for (const index of indexes) {
      const customer = poolCustomer(index);
      const email = index % BROKEN_EVERY === 0 ? `broken-${index}.example.test` : customer.email;
      const line = [
        customer.number,
        round === 0 ? customer.name : `${customer.name} (rev ${round})`,
        email,
        customer.phone,
        customer.country,
        customer.vat,
        `2026-0${1 + Math.min(round, 8)}-${String(1 + (index % 28)).padStart(2, '0')} 10:00:00`,
      ].join(';');
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  }
}
