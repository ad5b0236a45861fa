import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { type BenchSuite, type SuiteResult } from '../bench.types';
import { type BenchSource } from './e2e/bench-source';
import { type BenchStore, BenchWorkspace } from './e2e/bench-workspace';
import { type CliRun, type PipelineSeconds, runSync } from './e2e/cli-run';
import { sharePool } from './e2e/customer-pool';
import { ErpFileBenchSource } from './e2e/erp-file.source';
import { ErpSqlBenchSource } from './e2e/erp-sql.source';
import { SalesforceBenchSource } from './e2e/salesforce.source';
import { type CpuUse, cpuSnapshot, cpuUseBetween } from './e2e/machine-cpu';
import {
  type PostgresWork,
  postgresCounters,
  postgresServerSettings,
  postgresWorkBetween,
} from './e2e/postgres-work';
import { countTopicMessages, measureRawKafka, type RawKafkaResult } from './e2e/raw-kafka';

/** Share of each later source's records that are customers the first source also holds. */
const OVERLAP = 0.3;
const CHANGED_FRACTION = 0.01;
/** Records per connector page and outbox rows per relay batch; the environment may override them. */
const PAGE_SIZE = Number(process.env['CROSSWALK_BENCH_PAGE_SIZE'] ?? 1_000);
const RELAY_BATCH_SIZE = Number(process.env['CROSSWALK_BENCH_RELAY_BATCH'] ?? 1_000);
const RAW_BATCH_SIZE = 1_000;
const ALL_STORES: readonly BenchStore[] = ['postgres', 'sqlite'];
/** `CROSSWALK_BENCH_STORES=postgres` runs one store (a 1M run of both takes most of an hour). */
const STORES: readonly BenchStore[] = storesFrom(process.env['CROSSWALK_BENCH_STORES']);

function storesFrom(value: string | undefined): readonly BenchStore[] {
  if (value === undefined || value.trim() === '') return ALL_STORES;
  const wanted = value.split(',').map((name) => name.trim());
  const unknown = wanted.filter((name) => !ALL_STORES.some((store) => store === name));
  if (unknown.length > 0) {
    throw new Error(
      `CROSSWALK_BENCH_STORES: unknown store(s) ${unknown.join(', ')}; known: ${ALL_STORES.join(', ')}`,
    );
  }
  return ALL_STORES.filter((store) => wanted.includes(store));
}

type Phase = 'initial' | 'incremental-1%' | 'no-change';

export interface E2eRun {
  records: number;
  store: BenchStore;
  phase: Phase;
  /** Source records read (every connector). */
  sourceRecords: number;
  changedAtSource: number;
  recordsPerSecond: number;
  /** Events relayed to Kafka by this run (customer changes, snapshots, quarantine). */
  events: number;
  /** Messages that arrived on the pipeline's topics during this run, counted on the broker. */
  eventsOnKafka: number;
  eventsPerSecond: number;
  peakRssMb: number;
  seconds: number;
  /** CPU seconds of the CLI process (user + system). */
  cpuSeconds: number;
  /** The servers' CPU seconds during the run and how busy the machine's cores were. */
  machineCpu: CpuUse;
  /** PostgreSQL store only: WAL, buffer pages and rows the run cost the database. */
  postgresWork?: PostgresWork;
  /** Seconds per stage: process start to first run, each connector's run, relay and exit. */
  stages: Record<string, number>;
  /**
   * Inside the connectors' runs (the CLI's own timing): waiting on the sources, preparing,
   * reconciling and the pages' store work, how much of it the thread sat idle; and the relay's
   * publishing, which runs beside them.
   */
  pipelineSeconds: PipelineSeconds;
  counts: Record<string, Record<string, number>>;
  /**
   * Initial load only: kafkajs alone sending the same events, right after the load (`rawKafka`)
   * and again after the last phase (`rawKafkaPasses` holds both); `rawKafkaRatio` is the
   * pipeline's events/s over the passes' mean, so one slow spell of the machine moves it less.
   */
  rawKafka?: RawKafkaResult;
  rawKafkaPasses?: RawKafkaResult[];
  rawKafkaRatio?: number;
  /** Incremental and no-change runs: seconds as a share of the initial load's. */
  shareOfInitial?: number;
}

/**
 * The sources of one run: ERP CSV files, an ERP table on MariaDB and the Salesforce sandbox,
 * the pool split three ways (the later two each 30% in customers the first holds).
 */
function benchSources(records: number): BenchSource[] {
  const [files = [], sql = [], crm = []] = sharePool(records, 3, OVERLAP);
  return [
    new ErpFileBenchSource('erp-files', files, PAGE_SIZE),
    new ErpSqlBenchSource('erp-sql', sql, PAGE_SIZE),
    new SalesforceBenchSource('salesforce', crm, PAGE_SIZE),
  ];
}

/** The test servers' addresses (started or reused by the project's own scripts). */
function ensureInfrastructure(): void {
  const wanted = ['DATABASE_URL', 'KAFKA_BROKERS', 'CROSSWALK_TEST_MARIADB_URL'];
  if (wanted.every((name) => process.env[name])) return;
  const script = join(__dirname, '..', '..', 'scripts', 'infra', 'start.mjs');
  const exports = execFileSync(process.execPath, [script], { encoding: 'utf8' });
  for (const match of exports.matchAll(/^export (\w+)='([^']*)'$/gm)) {
    const [, name, value] = match;
    if (name !== undefined && value !== undefined) process.env[name] ??= value;
  }
}

async function benchStore(records: number, store: BenchStore): Promise<E2eRun[]> {
  const sources = benchSources(records);
  const workspace = await BenchWorkspace.create(store);
  try {
    for (const source of sources) await source.prepare(workspace);
    workspace.writeConfig(sources, RELAY_BATCH_SIZE);
    const env = workspace.env(sources);
    // PostgreSQL store only: its server's settings, and its counters around each phase.
    const url = workspace.databaseUrl;
    const postgres = url === null ? null : { url, server: await postgresServerSettings(url) };
    const phase = async (name: Phase, changedAtSource: number): Promise<E2eRun> => {
      const before = await countTopicMessages(workspace.topicPrefix);
      const countersBefore = postgres === null ? null : await postgresCounters(postgres.url);
      const cpuBefore = cpuSnapshot();
      const cli = await runSync(workspace.configDir, env);
      const machineCpu = cpuUseBetween(cpuBefore, cpuSnapshot());
      const postgresWork =
        postgres === null || countersBefore === null
          ? undefined
          : postgresWorkBetween(
              countersBefore,
              await postgresCounters(postgres.url),
              postgres.server,
            );
      const after = await countTopicMessages(workspace.topicPrefix);
      const onKafka = Object.keys(after).reduce(
        (sum, topic) => sum + (after[topic] ?? 0) - (before[topic] ?? 0),
        0,
      );
      const run = describeRun(
        records,
        store,
        name,
        cli,
        machineCpu,
        await stagesOf(workspace, cli),
      );
      run.eventsOnKafka = onKafka;
      run.changedAtSource = changedAtSource;
      if (postgresWork !== undefined) run.postgresWork = postgresWork;
      const servers = Object.entries(machineCpu.seconds)
        .map(([server, seconds]) => `${server} ${seconds}`)
        .join(', ');
      process.stderr.write(
        `e2e ${records} ${store} ${name}: ${run.seconds.toFixed(1)} s, ${Math.round(run.recordsPerSecond)} records/s, ${run.events} events, peak RSS ${run.peakRssMb} MB; CPU s: cli ${run.cpuSeconds.toFixed(1)}, ${servers}; cores busy ${Math.round(machineCpu.machineBusy * 100)}%${describeWork(postgresWork)}\n  pipeline s: ${describePipeline(run.pipelineSeconds)}\n`,
      );
      return run;
    };

    const initial = await phase('initial', 0);
    const raw = await measureRawKafka(workspace, RAW_BATCH_SIZE, 1);
    initial.rawKafka = raw;

    let changed = 0;
    for (const source of sources) changed += await source.change(workspace, CHANGED_FRACTION, 1);
    const incremental = await phase('incremental-1%', changed);
    incremental.shareOfInitial = incremental.seconds / initial.seconds;

    const unchanged = await phase('no-change', 0);
    unchanged.shareOfInitial = unchanged.seconds / initial.seconds;

    const passes = [raw, await measureRawKafka(workspace, RAW_BATCH_SIZE, 2)];
    const rawRate = passes.reduce((sum, pass) => sum + pass.eventsPerSecond, 0) / passes.length;
    initial.rawKafkaPasses = passes;
    initial.rawKafkaRatio = rawRate > 0 ? initial.eventsPerSecond / rawRate : 0;
    process.stderr.write(
      `e2e ${records} ${store} raw kafkajs: ${passes.map((pass) => Math.round(pass.eventsPerSecond)).join(' and ')} events/s; ratio ${initial.rawKafkaRatio.toFixed(3)}\n`,
    );
    return [initial, incremental, unchanged];
  } finally {
    await workspace.cleanup();
    for (const source of sources) await source.cleanup();
  }
}

async function stagesOf(workspace: BenchWorkspace, cli: CliRun): Promise<Record<string, number>> {
  const windows = (await workspace.runWindows()).filter(
    (window) => Date.parse(window.startedAt) >= cli.startedAtMs,
  );
  const stages: Record<string, number> = {};
  const first = windows[0];
  if (first !== undefined) stages['boot'] = (Date.parse(first.startedAt) - cli.startedAtMs) / 1000;
  let lastFinished = cli.startedAtMs;
  for (const window of windows) {
    const finished = Date.parse(window.finishedAt ?? window.startedAt);
    stages[`sync:${window.connector}`] =
      (stages[`sync:${window.connector}`] ?? 0) + (finished - Date.parse(window.startedAt)) / 1000;
    lastFinished = Math.max(lastFinished, finished);
  }
  stages['relay+exit'] = (cli.endedAtMs - lastFinished) / 1000;
  for (const [stage, seconds] of Object.entries(stages)) stages[stage] = round(seconds, 2);
  return stages;
}

function describeRun(
  records: number,
  store: BenchStore,
  phase: Phase,
  cli: CliRun,
  machineCpu: CpuUse,
  stages: Record<string, number>,
): E2eRun {
  const sourceRecords = cli.connectors.reduce((sum, line) => sum + line.read, 0);
  return {
    records,
    store,
    phase,
    sourceRecords,
    changedAtSource: 0,
    recordsPerSecond: sourceRecords / cli.seconds,
    events: cli.relayed,
    eventsOnKafka: 0,
    eventsPerSecond: cli.relayed / cli.seconds,
    peakRssMb: cli.peakRssMb,
    seconds: cli.seconds,
    cpuSeconds: Math.round(cli.cpuSeconds * 10) / 10,
    machineCpu,
    stages,
    pipelineSeconds: cli.pipeline,
    counts: Object.fromEntries(
      cli.connectors.map(({ connector, ...counts }) => [connector, counts]),
    ),
  };
}

function describePipeline(seconds: PipelineSeconds): string {
  return Object.entries(seconds)
    .map(([stage, value]) => `${stage} ${value}`)
    .join(', ');
}

function describeWork(work: PostgresWork | undefined): string {
  if (work === undefined) return '';
  const millions = (value: number) => (value / 1e6).toFixed(2);
  return `; PostgreSQL: WAL ${work.walMb} MB, ${millions(work.blocksTouched)} M pages touched (${millions(work.blocksRead)} M read), ${millions(work.rowsWritten)} M rows written, store ${work.databaseMb} MB; ${describeServer(work)}`;
}

function describeServer(work: PostgresWork): string {
  return `${work.server.durable ? 'durable' : 'durability off'}, ${work.server.sharedBuffersMb} MB shared buffers`;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * End to end on real components: ERP CSV files, an ERP table on MariaDB and the Salesforce
 * sandbox (in its own process), 30% overlapping, synced by the CLI (its own process) into PostgreSQL or SQLite and out to Kafka. Per size
 * and store: the initial load, an incremental run after 1% changed at the sources, and a run
 * where nothing changed; beside the initial load, kafkajs alone sending the same events.
 */
export const suite: BenchSuite = {
  async run(options) {
    ensureInfrastructure();
    const runs: E2eRun[] = [];
    for (const records of options.sizes ?? [100_000]) {
      for (const store of STORES) runs.push(...(await benchStore(records, store)));
    }
    return { suite: 'e2e', runs: runs as unknown as Record<string, unknown>[] };
  },
  table(result: SuiteResult) {
    const rows = result.runs as unknown as E2eRun[];
    const stage = (run: E2eRun) =>
      Object.entries(run.stages)
        .map(([name, seconds]) => `${name} ${seconds}`)
        .join(', ');
    return [
      '| records | store | phase | seconds | records/s | events (on Kafka) | events/s | peak RSS MB | raw kafkajs events/s (two passes) | ratio (to their mean) | share of initial | PostgreSQL: WAL MB, M pages touched, M rows written | stages (s) | pipeline (s): read, prepare, reconcile, store (idle); publish |',
      '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|',
      ...rows.map((run) =>
        [
          '',
          run.records,
          run.store,
          run.phase,
          run.seconds.toFixed(1),
          Math.round(run.recordsPerSecond),
          `${run.events} (${run.eventsOnKafka})`,
          Math.round(run.eventsPerSecond),
          run.peakRssMb,
          (run.rawKafkaPasses ?? []).map((pass) => Math.round(pass.eventsPerSecond)).join(' / '),
          run.rawKafkaRatio === undefined ? '' : run.rawKafkaRatio.toFixed(3),
          run.shareOfInitial === undefined ? '' : `${(run.shareOfInitial * 100).toFixed(1)}%`,
          run.postgresWork === undefined
            ? ''
            : `${run.postgresWork.walMb}, ${(run.postgresWork.blocksTouched / 1e6).toFixed(2)}, ${(run.postgresWork.rowsWritten / 1e6).toFixed(2)} (${describeServer(run.postgresWork)})`,
          stage(run),
          `${run.pipelineSeconds.read}, ${run.pipelineSeconds.prepare}, ${run.pipelineSeconds.reconcile}, ${run.pipelineSeconds.store} (${run.pipelineSeconds.idle}); ${run.pipelineSeconds.publish}`,
          '',
        ]
          .join(' | ')
          .trim(),
      ),
    ].join('\n');
  },
};
