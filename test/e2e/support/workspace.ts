import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase, type TestDatabase } from '../../infra/postgres';
import { kafkaBrokers, uniqueTopicPrefix } from '../../infra/kafka';

export interface Workspace {
  dir: string;
  configDir: string;
  dropFolder: string;
  database: TestDatabase;
  topicPrefix: string;
  /** The environment the CLI runs with: PostgreSQL and Kafka, as in production. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export interface ConnectorSpec {
  name: string;
  type: string;
  mappingYaml: string;
  options: string;
  pageSize?: number;
}

/** A config folder, a drop folder, a fresh database and a topic prefix of its own. */
export async function createWorkspace(
  name: string,
  connectors: readonly ConnectorSpec[],
): Promise<Workspace> {
  const dir = mkdtempSync(join(tmpdir(), `crosswalk-${name}-`));
  const configDir = join(dir, 'config');
  const dropFolder = join(dir, 'drop');
  mkdirSync(join(configDir, 'mappings'), { recursive: true });
  mkdirSync(dropFolder, { recursive: true });
  const topicPrefix = uniqueTopicPrefix();
  const connectorYaml = connectors
    .map((connector) => {
      writeFileSync(join(configDir, 'mappings', `${connector.name}.yaml`), connector.mappingYaml);
      return [
        `  - name: ${connector.name}`,
        `    type: ${connector.type}`,
        `    pageSize: ${connector.pageSize ?? 500}`,
        `    mapping: mappings/${connector.name}.yaml`,
        `    options:`,
        ...connector.options.split('\n').map((line) => `      ${line}`),
      ].join('\n');
    })
    .join('\n');
  writeFileSync(
    join(configDir, 'crosswalk.yaml'),
    `store:
  database: sqlite
  sqlitePath: ../data/crosswalk.sqlite
events:
  sink: file
  fileSinkDir: ../data/events
  kafka:
    clientId: crosswalk-e2e
    topicPrefix: "${topicPrefix}"
    partitions: 3
normalisation:
  defaultRegion: SE
reconcile:
  sourcePriority: [${connectors.map((connector) => connector.name).join(', ')}]
connectors:
${connectorYaml}
`,
  );
  const database = await createPostgresDatabase(`e2e_${name}`);
  return {
    dir,
    configDir,
    dropFolder,
    database,
    topicPrefix,
    env: { DATABASE_URL: database.url, KAFKA_BROKERS: kafkaBrokers().join(',') },
    cleanup: async () => {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
