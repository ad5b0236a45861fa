import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The CLI the benchmark runs: bin/crosswalk.js (the build in dist/), or CROSSWALK_BENCH_CLI,
 * a copy of a build kept aside so that a rebuild of dist/ during a long run cannot disturb it.
 */
const CLI =
  process.env['CROSSWALK_BENCH_CLI'] ?? join(__dirname, '..', '..', '..', 'bin', 'crosswalk.js');
/** Extra node flags for the CLI, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles` to profile it. */
const NODE_ARGS = (process.env['CROSSWALK_BENCH_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
const SAMPLE_MS = 100;

export interface ConnectorLine {
  connector: string;
  read: number;
  unchanged: number;
  created: number;
  updated: number;
  merged: number;
  deleted: number;
  quarantined: number;
  events: number;
}

/** Seconds per pipeline stage, summed over the connectors' runs, and the relay's publishing. */
export interface PipelineSeconds {
  read: number;
  prepare: number;
  reconcile: number;
  store: number;
  /** The CLI's thread idle during the runs, waiting on a source, the store or Kafka. */
  idle: number;
  publish: number;
}

export interface CliRun {
  seconds: number;
  /** Peak resident set of the CLI process (VmHWM), in MB. */
  peakRssMb: number;
  /**
   * CPU seconds (user + system) of the CLI process, as last sampled before it exited (up to
   * one sample interval short). Less sensitive than `seconds` to other work on the machine.
   */
  cpuSeconds: number;
  connectors: ConnectorLine[];
  pipeline: PipelineSeconds;
  relayed: number;
  startedAtMs: number;
  endedAtMs: number;
}

/**
 * Runs `crosswalk sync --config DIR` in its own process, as a user would, and samples its
 * peak resident set from /proc while it runs.
 */
export async function runSync(configDir: string, env: Record<string, string>): Promise<CliRun> {
  const startedAtMs = Date.now();
  const child = spawn(process.execPath, [...NODE_ARGS, CLI, 'sync', '--config', configDir], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let peakKb = 0;
  let cpuTicks = 0;
  const sample = async () => {
    if (child.pid === undefined) return;
    try {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm?.[1] !== undefined) peakKb = Math.max(peakKb, Number(hwm[1]));
      cpuTicks = Math.max(
        cpuTicks,
        processTicks(await readFile(`/proc/${child.pid}/stat`, 'utf8')),
      );
    } catch {
      // The process has exited between two samples.
    }
  };
  const timer = setInterval(() => void sample(), SAMPLE_MS);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  clearInterval(timer);
  const endedAtMs = Date.now();
  if (code !== 0) {
    throw new Error(`crosswalk sync exited with ${code}: ${stderr.trim().slice(-2000)}`);
  }
  const cpuSeconds = cpuTicks / CLOCK_TICKS_PER_SECOND;
  process.stderr.write(
    `crosswalk sync: ${((endedAtMs - startedAtMs) / 1000).toFixed(1)} s, CPU ${cpuSeconds.toFixed(1)} s\n`,
  );
  return {
    seconds: (endedAtMs - startedAtMs) / 1000,
    peakRssMb: Math.round(peakKb / 1024),
    cpuSeconds,
    connectors: parseConnectorLines(stdout),
    pipeline: parsePipelineSeconds(stdout),
    relayed: Number(/relayed (\d+) event/.exec(stdout)?.[1] ?? Number.NaN),
    startedAtMs,
    endedAtMs,
  };
}

/** USER_HZ of /proc/<pid>/stat: 100 on every Linux the benchmark runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a /proc/<pid>/stat line (fields 14 and 15; the name may hold spaces). */
function processTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
}

/** The CLI's `<connector>: seconds: read …` lines and `(… s publishing)`, summed. */
function parsePipelineSeconds(stdout: string): PipelineSeconds {
  const total: PipelineSeconds = {
    read: 0,
    prepare: 0,
    reconcile: 0,
    store: 0,
    idle: 0,
    publish: 0,
  };
  const pattern =
    /^\S+: seconds: read ([\d.]+), prepare ([\d.]+), reconcile ([\d.]+), store ([\d.]+) \(idle ([\d.]+)\)$/gm;
  for (const [, read, prepare, reconcile, store, idle] of stdout.matchAll(pattern)) {
    total.read += Number(read);
    total.prepare += Number(prepare);
    total.reconcile += Number(reconcile);
    total.store += Number(store);
    total.idle += Number(idle);
  }
  total.publish = Number(/\(([\d.]+) s publishing\)/.exec(stdout)?.[1] ?? Number.NaN);
  for (const stage of Object.keys(total) as (keyof PipelineSeconds)[]) {
    total[stage] = Math.round(total[stage] * 100) / 100;
  }
  return total;
}

function parseConnectorLines(stdout: string): ConnectorLine[] {
  const lines: ConnectorLine[] = [];
  const pattern =
    /^(\S+): read (\d+), unchanged (\d+), created (\d+), updated (\d+), merged (\d+), deleted (\d+), quarantined (\d+), failed \d+, (?:to review \d+, )?events (\d+)/gm;
  for (const match of stdout.matchAll(pattern)) {
    const [, connector, ...numbers] = match;
    const [read, unchanged, created, updated, merged, deleted, quarantined, events] =
      numbers.map(Number);
    lines.push({
      connector: connector ?? '',
      read: read ?? 0,
      unchanged: unchanged ?? 0,
      created: created ?? 0,
      updated: updated ?? 0,
      merged: merged ?? 0,
      deleted: deleted ?? 0,
      quarantined: quarantined ?? 0,
      events: events ?? 0,
    });
  }
  return lines;
}
