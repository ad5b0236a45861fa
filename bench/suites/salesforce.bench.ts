import { type BenchSuite, type SuiteResult } from '../bench.types';
import { runSalesforceBench, type SalesforcePhase } from './salesforce/salesforce-sync.run';

/** Records changed in the org between the initial load and the incremental run. */
const MODIFIED = 5_000;

/**
 * Records/s and peak RSS of `crosswalk sync` reading Salesforce Accounts from the CRM sandbox
 * (a separate process): an initial load through Bulk API 2.0, then an incremental run after
 * MODIFIED changes. SQLite by default; PostgreSQL when DATABASE_URL is set. `--sizes` sets the
 * org's Account counts (default 200,000).
 */
export const suite: BenchSuite = {
  async run(options) {
    const runs: SalesforcePhase[] = [];
    for (const records of options.sizes ?? [200_000]) {
      runs.push(...(await runSalesforceBench(records, Math.min(MODIFIED, records))));
    }
    return { suite: 'salesforce', runs: runs as unknown as Record<string, unknown>[] };
  },
  table(result: SuiteResult) {
    const rows = result.runs as unknown as SalesforcePhase[];
    return [
      '| phase | org records | modified | read | created | updated | unchanged | seconds | records/s | peak RSS MB | store |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
      ...rows.map(
        (row) =>
          `| ${row.phase} | ${row.orgRecords} | ${row.modified} | ${row.read} | ${row.created} | ${row.updated} | ${row.unchanged} | ${row.seconds} | ${row.recordsPerSecond} | ${row.peakRssMb} | ${row.store} |`,
      ),
    ].join('\n');
  },
};
