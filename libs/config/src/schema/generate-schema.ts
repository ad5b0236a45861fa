import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CONNECTOR_FACTORIES, type ConnectorFactory } from '@crosswalk/connectors';
import { buildConfigJsonSchema } from './config-json-schema';

/** Where the schema is committed, relative to the repository root. */
export const CONFIG_SCHEMA_FILE = 'config/schema/crosswalk.schema.json';

/** The connector types whose options the committed schema describes. */
export const SCHEMA_CONNECTOR_FACTORIES: readonly ConnectorFactory[] = CONNECTOR_FACTORIES;

export function renderConfigJsonSchema(
  factories: readonly ConnectorFactory[] = SCHEMA_CONNECTOR_FACTORIES,
): string {
  return `${JSON.stringify(buildConfigJsonSchema(factories), null, 2)}\n`;
}

/** Writes the schema under `repositoryRoot`; run from the repository root after a build. */
export function writeConfigJsonSchema(repositoryRoot: string): string {
  const file = resolve(repositoryRoot, CONFIG_SCHEMA_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderConfigJsonSchema());
  return file;
}

if (require.main === module) {
  const file = writeConfigJsonSchema(process.cwd());
  process.stdout.write(`wrote ${file}\n`);
}
