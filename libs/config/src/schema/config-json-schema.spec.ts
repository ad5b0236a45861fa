import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { CONFIG_SCHEMA_FILE, renderConfigJsonSchema } from './generate-schema';

const REPOSITORY_ROOT = join(__dirname, '..', '..', '..', '..');

const SAMPLE = `
store:
  database: postgres
  url: \${env:DATABASE_URL}
events:
  sink: kafka
  kafka:
    brokers: [localhost:9092, "\${env:EXTRA_BROKER}"]
    sasl: { mechanism: scram-sha-512, username: crosswalk, password: "\${file:/run/secrets/kafka}" }
  relay: { batchSize: 500, intervalMs: "\${env:RELAY_INTERVAL_MS}" }
normalisation: { defaultRegion: SE }
reconcile: { sourcePriority: [erp-sql, erp-csv], staleAfterDays: 365 }
http: { port: 3000, adminTokens: [{ name: ops, token: "\${env:CROSSWALK_ADMIN_TOKEN}" }] }
connectors:
  - name: erp-csv
    type: erp-file
    schedule: "*/15 * * * *"
    pageSize: 500
    mapping: mappings/erp-csv.yaml
    options:
      dropFolder: ../data/drop
      object: customer
      idColumns: [CUSTNO]
  - name: erp-sql
    type: erp-sql
    mapping: mappings/erp-sql.yaml
    options:
      url: \${env:ERP_DATABASE_URL}
      dialect: mysql
      object: customer
      idColumn: id
      watermarkColumn: updated_at
`;

interface Sample {
  [section: string]: unknown;
  http: Record<string, unknown>;
  store: Record<string, unknown>;
  connectors: Record<string, unknown>[];
}

function validator(): (data: unknown) => boolean {
  const schema: unknown = JSON.parse(
    readFileSync(join(REPOSITORY_ROOT, CONFIG_SCHEMA_FILE), 'utf8'),
  );
  return new Ajv({ allErrors: true }).compile(schema as object);
}

describe('config JSON Schema', () => {
  it('is up to date with the DTO classes (regenerate: see docs/configuration.md)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(join(REPOSITORY_ROOT, CONFIG_SCHEMA_FILE), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(renderConfigJsonSchema()));
  });

  it('accepts a sample config', () => {
    const validate = validator();
    expect(validate(parse(SAMPLE))).toBe(true);
  });

  it.each([
    [
      'a literal secret',
      (config: Sample) => (config.http['adminTokens'] = [{ name: 'ops', token: 'hunter2' }]),
    ],
    [
      'an admin token without a name',
      (config: Sample) => (config.http['adminTokens'] = [{ token: '${env:TOKEN}' }]),
    ],
    ['an unknown section', (config: Sample) => (config['logging'] = { level: 'debug' })],
    ['a wrong type', (config: Sample) => (config.http['port'] = 'eighty')],
    ['a bad enum value', (config: Sample) => (config.store['database'] = 'oracle')],
    ['a missing key', (config: Sample) => delete config.connectors[0]?.['mapping']],
    [
      'an unknown connector option',
      (config: Sample) => Object.assign(config.connectors[0]?.['options'] ?? {}, { dropDir: 'x' }),
    ],
    [
      'a fractional integer',
      (config: Sample) => Object.assign(config.connectors[0] ?? {}, { pageSize: 1.5 }),
    ],
  ])('rejects %s', (_name, change) => {
    const config = parse(SAMPLE) as Sample;
    change(config);
    expect(validator()(config)).toBe(false);
  });
});
