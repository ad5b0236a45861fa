// `npm test`: brings up the test servers the integration and e2e projects need (PostgreSQL,
// Kafka, MariaDB; see scripts/infra), runs jest with any extra arguments, stops the servers this
// run started (not those already running or given by env) and exits with jest's code.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureAll, stopAll } from './infra/index.mjs';
import { repoRoot } from './infra/lib/runtime.mjs';

const jestArgs = process.argv.slice(2);
const started = [];

async function main() {
  const env = { ...process.env };
  if (needsInfra(jestArgs)) {
    // The e2e specs run the CLI as users do, from the build: make sure it is this tree's.
    const built = await runNode(
      [join(repoRoot, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', 'crosswalk'],
      env,
    );
    if (built !== 0) {
      process.stderr.write('[test] nest build failed\n');
      return built;
    }
    const t0 = Date.now();
    try {
      const result = await ensureAll(process.env);
      started.push(...result.started);
      Object.assign(env, result.env);
    } catch (error) {
      started.push(...(error.started ?? []));
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    process.stderr.write(`[test] test servers ready in ${Date.now() - t0} ms\n`);
  }
  const resultsFile = join(repoRoot, '.cache', 'jest-results.json');
  const wantsSummary = !jestArgs.some((arg) => arg === '--json' || arg.startsWith('--outputFile'));
  const extra = wantsSummary ? ['--json', `--outputFile=${resultsFile}`] : [];
  if (wantsSummary) {
    mkdirSync(join(repoRoot, '.cache'), { recursive: true });
    rmSync(resultsFile, { force: true });
  }
  const code = await runJest([...extra, ...jestArgs], env);
  if (wantsSummary) printSummary(resultsFile);
  return code;
}

/** Only the unit project runs without servers; anything else may need them. */
function needsInfra(args) {
  const at = args.indexOf('--selectProjects');
  if (at < 0) return true;
  const projects = [];
  for (const arg of args.slice(at + 1)) {
    if (arg.startsWith('-')) break;
    projects.push(arg);
  }
  return projects.some((project) => project !== 'unit');
}

function runJest(args, env) {
  return runNode([join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js'), ...args], env);
}

function runNode(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env,
      stdio: 'inherit',
    });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** One plain closing line with the counts, whatever reporter printed above it. */
function printSummary(resultsFile) {
  if (!existsSync(resultsFile)) return;
  try {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    const skipped = results.numPendingTests + results.numTodoTests;
    const suitesFailed = results.numFailedTestSuites;
    if (suitesFailed > 0)
      process.stdout.write(`\n${suitesFailed} test suite(s) failed to run or had failures\n`);
    process.stdout.write(
      `\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`,
    );
  } catch {
    // a partial results file: jest's own output already told what happened
  }
}

let exitCode = 1;
try {
  exitCode = await main();
} finally {
  if (started.length > 0) {
    const stopped = await stopAll(started);
    process.stderr.write(
      `[test] stopped the servers this run started: ${stopped.join(', ') || 'none'}\n`,
    );
  }
}
process.exit(exitCode);
