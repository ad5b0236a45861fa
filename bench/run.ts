/**
 * Benchmark runner: `node -r @swc-node/register bench/run.ts <suite> [--sizes 10000,100000]`.
 * Runs bench/suites/<suite>.bench.ts, writes bench/results/<suite>.json (committed) and
 * bench/results/<suite>.md (a table, not committed) and prints the table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { type BenchSuite, type SuiteResult } from './bench.types';

async function main(): Promise<void> {
  const [suiteName, ...rest] = process.argv.slice(2);
  if (suiteName === undefined || !/^[a-z0-9-]+$/.test(suiteName)) {
    throw new Error('usage: bench/run.ts <suite> [--sizes 10000,100000]');
  }
  const sizesAt = rest.indexOf('--sizes');
  const sizes =
    sizesAt >= 0
      ? (rest[sizesAt + 1] ?? '').split(',').map((size) => Number(size.replace(/_/g, '')))
      : undefined;
  if (sizes !== undefined && sizes.some((size) => !Number.isInteger(size) || size <= 0)) {
    throw new Error('--sizes takes positive integers separated by commas');
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const suite = (require(join(__dirname, 'suites', `${suiteName}.bench`)) as { suite: BenchSuite })
    .suite;
  const environment = {
    cpus: cpus().length,
    loadAverageAtStart: loadavg().map(round2),
    node: process.version,
  };
  const result: SuiteResult = { ...(await suite.run({ sizes })), environment };
  const results = join(__dirname, 'results');
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, `${suiteName}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const table = suite.table(result);
  writeFileSync(join(results, `${suiteName}.md`), `${table}\n`);
  process.stdout.write(`${table}\n`);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
