import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'crosswalk.js');

/** The built service (`npm start`), as the e2e specs run it. */
export const SERVICE_MAIN = join(
  __dirname,
  '..',
  '..',
  '..',
  'dist',
  'apps',
  'crosswalk',
  'apps',
  'crosswalk',
  'src',
  'main.js',
);

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the built CLI as a separate process, as a user would run it. */
export function startCli(
  args: readonly string[],
  env: Record<string, string | undefined>,
): {
  child: ChildProcess;
  done: Promise<CliResult>;
} {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  return startCli(args, env).done;
}
