// A throwaway single-node KRaft Apache Kafka broker for tests, run from the official jars that
// Maven resolves once into .cache/kafka, on the machine's Java (17 or newer).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import {
  InfraError,
  canConnect,
  componentDir,
  ensureComponent,
  freePort,
  stopComponent,
  isAlive,
  log,
  runningComponent,
  repoRoot,
  run,
  stopPid,
  tail,
  waitFor,
  which,
  writeState,
} from './lib/runtime.mjs';

const { Kafka, logLevel } = kafkajs;
const component = 'kafka';
export const kafkaEnvVar = 'KAFKA_BROKERS';
export const kafkaVersion = '4.1.2';
const scalaVersion = '2.13';
const log4jVersion = '2.24.3';
const jarCacheDir = join(repoRoot, '.cache', 'kafka');

export function parseBrokers(value) {
  return value
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}

/** Asks the cluster to describe itself through a real client; throws when it cannot. */
export async function checkKafka(brokers, { retries = 2 } = {}) {
  const kafka = new Kafka({
    clientId: 'crosswalk-infra-check',
    brokers: parseBrokers(brokers),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('no broker in the cluster metadata');
    return cluster;
  } catch (error) {
    throw new InfraError(component, `cannot reach Kafka at ${brokers}: ${error.message}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Returns reachable brokers ("host:port,..."): KAFKA_BROKERS when set, else a local broker started
 * here (or the one a previous run left running). startedHere tells whether this call started it.
 */
export async function ensureKafka(env = process.env) {
  return ensureComponent({
    component,
    envVar: kafkaEnvVar,
    env,
    check: checkKafka,
    running: runningBroker,
    start: startBroker,
  });
}

export async function stopKafka() {
  return stopComponent(component, { marker: (state) => state.configFile });
}

/** The broker's classpath: the jars of kafka_2.13 and a log4j2 backend, resolved once. */
export async function resolveKafkaJars() {
  const versionDir = join(jarCacheDir, `${kafkaVersion}`);
  const libsDir = join(versionDir, 'libs');
  const marker = join(versionDir, 'resolved');
  if (existsSync(marker)) return libsDir;

  requireJava();
  const mvn = which('mvn');
  if (!mvn) {
    throw new InfraError(
      component,
      'Maven (mvn) not found: install it (apt-get install -y maven) or set KAFKA_BROKERS',
    );
  }
  const startedAt = Date.now();
  log(
    component,
    `resolving org.apache.kafka:kafka_${scalaVersion}:${kafkaVersion} with Maven into ${versionDir}`,
  );
  rmSync(libsDir, { recursive: true, force: true });
  mkdirSync(versionDir, { recursive: true });
  writeFileSync(join(versionDir, 'pom.xml'), brokerPom());
  await run(component, mvn, [
    '-B',
    '-q',
    `-Dmaven.repo.local=${join(jarCacheDir, 'm2')}`,
    '-f',
    join(versionDir, 'pom.xml'),
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${libsDir}`,
  ]);
  const jars = readdirSync(libsDir).filter((name) => name.endsWith('.jar'));
  if (!jars.some((name) => name.startsWith(`kafka_${scalaVersion}-`))) {
    throw new InfraError(
      component,
      `Maven finished but ${libsDir} holds no kafka_${scalaVersion} jar`,
    );
  }
  writeFileSync(marker, `${jars.length} jars\n`);
  log(component, `resolved ${jars.length} jars in ${Date.now() - startedAt} ms`);
  return libsDir;
}

function runningBroker() {
  return runningComponent(component, { marker: (state) => state.configFile, check: checkKafka });
}

async function startBroker() {
  const startedAt = Date.now();
  const libsDir = await resolveKafkaJars();
  const resolvedAt = Date.now();
  const baseDir = componentDir(component);
  const dataDir = join(baseDir, 'data');
  const configFile = join(baseDir, 'server.properties');
  const log4jFile = join(baseDir, 'log4j2.properties');
  const logFile = join(baseDir, 'server.log');
  const stdoutFile = join(baseDir, 'stdout.log');
  rmSync(dataDir, { recursive: true, force: true });
  for (const file of [logFile, stdoutFile]) rmSync(file, { force: true });
  mkdirSync(dataDir, { recursive: true });

  const port = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  writeFileSync(configFile, serverProperties({ port, controllerPort, dataDir }));
  writeFileSync(log4jFile, log4jProperties(logFile));

  const java = requireJava();
  const classpath = `${libsDir}/*`;
  const jvmOptions = [
    '-Xms256m',
    '-Xmx1g',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4jFile}`,
  ];
  // KRaft storage must be formatted with a cluster id before the first start.
  const clusterId = randomBytes(16).toString('base64url');
  await run(component, java, [
    ...jvmOptions,
    '-cp',
    classpath,
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    configFile,
  ]);

  const out = openSync(stdoutFile, 'a');
  const child = spawn(java, [...jvmOptions, '-cp', classpath, 'kafka.Kafka', configFile], {
    cwd: baseDir,
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  closeSync(out);
  const pid = child.pid;
  const url = `127.0.0.1:${port}`;
  const failure = () =>
    `\n--- ${logFile} ---\n${tail(logFile)}\n--- ${stdoutFile} ---\n${tail(stdoutFile, 20)}`;
  try {
    await waitFor(
      `the broker on ${url}`,
      async () => {
        if (!isAlive(pid)) throw new Error('the broker process exited');
        if (!(await canConnect(port))) return false;
        await checkKafka(url, { retries: 0 });
        return true;
      },
      { timeoutMs: 120000, intervalMs: 300, component },
    );
    await waitFor('the group and transaction coordinators', () => warmUpCoordinators(url), {
      timeoutMs: 60000,
      intervalMs: 300,
      component,
    });
  } catch (error) {
    await stopPid(pid, { timeoutMs: 5000 });
    throw new InfraError(component, `${error.message}${failure()}`);
  }
  writeState(component, {
    pid,
    port,
    controllerPort,
    url,
    configFile,
    logFile,
    kafkaVersion,
    startedAt: new Date().toISOString(),
  });
  log(
    component,
    `started Kafka ${kafkaVersion} (KRaft) on ${url} (pid ${pid}) in ${Date.now() - startedAt} ms` +
      ` (jars ${resolvedAt - startedAt} ms, broker ${Date.now() - resolvedAt} ms)`,
  );
  return { url };
}

/**
 * A fresh broker creates its internal offsets and transaction-state topics on first use, and
 * answers "coordinator loading" until they are ready; do that here so tests never see it.
 */
async function warmUpCoordinators(url) {
  const kafka = new Kafka({
    clientId: 'crosswalk-infra-warm-up',
    brokers: [url],
    logLevel: logLevel.NOTHING,
    // The idempotent producer refuses to run without retries.
    retry: { retries: 1, initialRetryTime: 100 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  try {
    await admin.connect();
    const { groups } = await admin.describeGroups(['crosswalk-infra-warm-up']);
    if (groups[0]?.errorCode) return false;
    await producer.connect();
    return true;
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

function requireJava() {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : which('java');
  if (!java || !existsSync(java)) {
    throw new InfraError(
      component,
      'java not found: install Java 17 or newer (apt-get install -y openjdk-17-jre-headless) or set KAFKA_BROKERS',
    );
  }
  const version = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)/.exec(`${version.stderr}${version.stdout}`);
  const major = match ? Number(match[1]) : 0;
  if (major < 17)
    throw new InfraError(
      component,
      `Kafka ${kafkaVersion} needs Java 17 or newer; ${java} is ${major || 'unknown'}`,
    );
  return java;
}

function brokerPom() {
  const dependency = (groupId, artifactId, version) =>
    `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by scripts/infra/kafka.mjs: the classpath of the local test broker. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.crosswalk</groupId>
  <artifactId>kafka-test-broker</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
${dependency('org.apache.kafka', `kafka_${scalaVersion}`, kafkaVersion)}
${dependency('org.apache.logging.log4j', 'log4j-core', log4jVersion)}
${dependency('org.apache.logging.log4j', 'log4j-slf4j-impl', log4jVersion)}
  </dependencies>
</project>
`;
}

function serverProperties({ port, controllerPort, dataDir }) {
  return [
    '# Generated by scripts/infra/kafka.mjs: one node acting as broker and controller, loopback only.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    'auto.create.topics.enable=true',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

function log4jProperties(logFile) {
  return [
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.file.ref = file',
    'appender.file.type = File',
    'appender.file.name = file',
    `appender.file.fileName = ${logFile}`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    '',
  ].join('\n');
}
