import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type BenchSuite, type SuiteResult } from '../bench.types';
import { type MatchRun } from './match.run';

const run = promisify(execFile);

/**
 * Pairwise precision, recall and F1 of the full (batch) linker on generated customers with
 * known truth. Each size runs in its own process so its peak RSS is its own.
 */
export const suite: BenchSuite = {
  async run(options) {
    const runs: MatchRun[] = [];
    for (const records of options.sizes ?? [10_000, 100_000, 1_000_000]) {
      const { stdout } = await run(
        process.execPath,
        [
          '--max-old-space-size=8192',
          '-r',
          '@swc-node/register',
          join(__dirname, 'match.run.ts'),
          String(records),
        ],
        { maxBuffer: 16 * 1024 * 1024, env: process.env },
      );
      const lastLine = stdout.trim().split('\n').pop() ?? '{}';
      const measured = JSON.parse(lastLine) as MatchRun;
      process.stderr.write(`match ${records}: ${lastLine}\n`);
      runs.push(measured);
    }
    return { suite: 'match', runs: runs as unknown as Record<string, unknown>[] };
  },
  table(result: SuiteResult) {
    const rows = result.runs as unknown as MatchRun[];
    return [
      '| records | precision | recall | F1 | seconds (match) | features (this thread) | features (worker) | CPU s | seconds (generate) | candidate pairs | peak RSS MB |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        (row) =>
          `| ${row.records} | ${row.precision.toFixed(4)} | ${row.recall.toFixed(4)} | ${row.f1.toFixed(4)} | ${row.seconds.toFixed(1)} | ${row.featureSeconds.toFixed(1)} | ${row.featureWorkerSeconds.toFixed(1)} | ${row.cpuSeconds.toFixed(1)} | ${row.generateSeconds.toFixed(1)} | ${row.candidatePairs} | ${row.peakRssMb} |`,
      ),
    ].join('\n');
  },
};
