import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type ConnectorFactory } from '@crosswalk/connectors';
import { CodedError } from '@crosswalk/model';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ConfigError, ConfigErrorCode, type ConfigIssue } from '../config-error';
import { redacted } from '../secrets/redaction';
import { loadConfig, type LoadConfigOptions } from './config.loader';

class DropFolderOptions {
  @IsString()
  dropDir!: string;

  @IsOptional()
  @IsString()
  @Length(1, 1)
  delimiter: string = ',';

  @IsOptional()
  @IsIn(['utf-8', 'windows-1252'])
  encoding: string = 'utf-8';

  @IsOptional()
  @IsString()
  password?: string;
}

class SqlOptions {
  @IsString()
  url!: string;
}

// Fixture factories: the loader only reads `type` and `optionsClass`.
const factories: ConnectorFactory[] = [
  {
    type: 'erp-file',
    optionsClass: DropFolderOptions,
    create: () => {
      throw new Error('connectors are not created while loading config');
    },
  },
  {
    type: 'erp-sql',
    optionsClass: SqlOptions,
    create: () => {
      throw new Error('connectors are not created while loading config');
    },
  },
];

interface CompiledFixtureMapping {
  object: string;
  fields: Record<string, unknown>;
}

/** A small mapping compiler with the mapping library's error shape (details.path). */
function compileMapping(definition: unknown, source: { file: string }): CompiledFixtureMapping {
  const record = definition as Record<string, unknown> | null;
  const fields = record?.['fields'];
  if (fields === null || typeof fields !== 'object') {
    throw new CodedError('MAPPING_INVALID', `${source.file}: fields must be a mapping`, {
      path: ['fields'],
    });
  }
  const unknownTargets = Object.entries(fields).filter(([, target]) => target === 'shoeSize');
  if (unknownTargets.length > 0) {
    const problems = unknownTargets.map(([sourceField]) => ({
      code: 'UNKNOWN_FIELD',
      path: ['fields', sourceField],
      reason: 'the customer model has no field shoeSize',
    }));
    throw new CodedError(
      'UNKNOWN_FIELD',
      `${source.file}: the customer model has no field shoeSize`,
      {
        path: problems[0]?.path,
        problems,
      },
    );
  }
  return { object: String(record?.['object']), fields: fields as Record<string, unknown> };
}

const GOOD_MAPPING = [
  'object: customer',
  'fields:',
  '  CUSTNO: identifiers.erp',
  '  NAME: name.full',
  '',
].join('\n');

const GOOD_CONFIG = `# test config
store:
  database: sqlite
  sqlitePath: ../data/crosswalk.sqlite
events:
  sink: file
  relay: { batchSize: 200 }
normalisation:
  defaultRegion: se
reconcile:
  sourcePriority: [erp-sql, erp-csv]
http:
  port: \${env:CROSSWALK_PORT}
  adminTokens: [{ name: ops, token: "\${file:secrets/admin-token}" }]
connectors:
  - name: erp-csv
    type: erp-file
    schedule: "*/15 * * * *"
    mapping: mappings/erp-csv.yaml
    options:
      dropDir: ../data/drop
      delimiter: ";"
  - name: erp-sql
    type: erp-sql
    pageSize: 1000
    enabled: false
    mapping: mappings/erp-csv.yaml
    options:
      url: mysql://reader:\${env:ERP_DB_PASSWORD}@localhost/erp
`;

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'crosswalk-config-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function writeFiles(files: Record<string, string>): string {
  const configDir = join(root, 'config');
  for (const [name, content] of Object.entries(files)) {
    const file = join(configDir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return configDir;
}

const BASE_ENV = { CROSSWALK_PORT: '8080', ERP_DB_PASSWORD: 'erp-pw-123' };

function options(
  configDir: string,
  env: Record<string, string> = BASE_ENV,
): LoadConfigOptions<CompiledFixtureMapping> {
  return {
    configDir,
    env,
    connectorFactory: (type) => factories.find((factory) => factory.type === type),
    connectorTypes: factories.map((factory) => factory.type),
    compileMapping,
  };
}

function goodFiles(config = GOOD_CONFIG): Record<string, string> {
  return {
    'crosswalk.yaml': config,
    'mappings/erp-csv.yaml': GOOD_MAPPING,
    'secrets/admin-token': 'admin-token-value-42\n',
  };
}

async function loadError(
  files: Record<string, string>,
  env: Record<string, string> = BASE_ENV,
): Promise<ConfigError> {
  const configDir = writeFiles(files);
  const error: unknown = await loadConfig(options(configDir, env)).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ConfigError))
    throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

describe('loadConfig', () => {
  it('loads a good config into one typed object with defaults and absolute paths', async () => {
    const configDir = writeFiles(goodFiles());
    const config = await loadConfig(options(configDir));

    expect(config.file).toBe(join(configDir, 'crosswalk.yaml'));
    expect(config.store).toEqual({
      database: 'sqlite',
      sqlitePath: join(root, 'data', 'crosswalk.sqlite'),
    });
    expect(config.events).toEqual({
      sink: 'file',
      fileSinkDir: join(root, 'data', 'events'),
      relay: { batchSize: 200, intervalMs: 1000 },
    });
    expect(config.normalisation).toEqual({ defaultRegion: 'SE' });
    expect(config.reconcile).toEqual({
      sourcePriority: ['erp-sql', 'erp-csv'],
      staleAfterDays: 365,
      survivorship: {},
      matching: 'probabilistic',
      thresholds: null,
    });
    expect(config.http).toEqual({
      port: 8080,
      adminTokens: [{ name: 'ops', token: 'admin-token-value-42' }],
    });
    expect(Object.isFrozen(config)).toBe(true);

    const [csv, sql] = config.connectors;
    expect(csv).toMatchObject({
      name: 'erp-csv',
      type: 'erp-file',
      schedule: '*/15 * * * *',
      pageSize: 1000,
      enabled: true,
      mappingFile: join(configDir, 'mappings', 'erp-csv.yaml'),
      baseDir: configDir,
      source: { file: join(configDir, 'crosswalk.yaml'), line: 16 },
      mapping: { object: 'customer', fields: { CUSTNO: 'identifiers.erp', NAME: 'name.full' } },
    });
    expect(csv?.options).toBeInstanceOf(DropFolderOptions);
    expect(csv?.options).toEqual({ dropDir: '../data/drop', delimiter: ';', encoding: 'utf-8' });
    expect(sql).toMatchObject({ name: 'erp-sql', pageSize: 1000, enabled: false });
    expect(sql?.schedule).toBeUndefined();
    expect(sql?.options).toEqual({ url: 'mysql://reader:erp-pw-123@localhost/erp' });
  });

  it('accepts a minimal config: every section but normalisation has defaults', async () => {
    const configDir = writeFiles({ 'crosswalk.yaml': 'normalisation: { defaultRegion: DE }\n' });
    const config = await loadConfig(options(configDir, {}));
    expect(config.store.database).toBe('sqlite');
    expect(config.events.sink).toBe('file');
    expect(config.http).toEqual({ port: 3000, adminTokens: [] });
    expect(config.connectors).toEqual([]);
  });

  it('lets DATABASE_URL and KAFKA_BROKERS choose PostgreSQL and Kafka', async () => {
    const configDir = writeFiles(goodFiles());
    const config = await loadConfig(
      options(configDir, {
        ...BASE_ENV,
        DATABASE_URL: 'postgres://crosswalk:pg-secret@db:5432/crosswalk',
        KAFKA_BROKERS: 'k1:9092, k2:9092',
      }),
    );
    expect(config.store).toEqual({
      database: 'postgres',
      url: 'postgres://crosswalk:pg-secret@db:5432/crosswalk',
    });
    expect(config.events).toEqual({
      sink: 'kafka',
      relay: { batchSize: 200, intervalMs: 1000 },
      kafka: {
        brokers: ['k1:9092', 'k2:9092'],
        clientId: 'crosswalk',
        topicPrefix: '',
        partitions: 6,
        replicationFactor: 1,
        ssl: false,
      },
    });
  });

  it('names the environment variable when an override is invalid', async () => {
    const error = await loadError(goodFiles(), { ...BASE_ENV, KAFKA_BROKERS: 'no-port' });
    expect(error.message).toContain(
      'events.kafka.brokers: each broker must be host:port (value from environment variable KAFKA_BROKERS)',
    );
  });

  it('fails with CONFIG_NOT_FOUND when there is no config file', async () => {
    const error = await loadError({});
    expect(error.code).toBe(ConfigErrorCode.NotFound);
    expect(error.message).toContain('crosswalk.yaml:1:1 cannot read the file (ENOENT)');
  });

  // Each case: the file and its content, the expected issue's code, file, line and key path.
  const cases: {
    name: string;
    files: Record<string, string>;
    env?: Record<string, string>;
    code: ConfigErrorCode;
    file?: string;
    line: number;
    path: string;
    message: RegExp;
  }[] = [
    {
      name: 'a literal admin token',
      files: goodFiles(GOOD_CONFIG.replace('${file:secrets/admin-token}', 'hunter2hunter2')),
      code: ConfigErrorCode.SecretLiteral,
      line: 14,
      path: 'http.adminTokens[0].token',
      message: /'token' is a secret and must be a reference/,
    },
    {
      name: 'two admin tokens with one name',
      files: goodFiles(
        GOOD_CONFIG.replace(
          '[{ name: ops, token: "${file:secrets/admin-token}" }]',
          '[{ name: ops, token: "${file:secrets/admin-token}" }, { name: ops, token: "${env:CROSSWALK_PORT}" }]',
        ),
      ),
      code: ConfigErrorCode.Invalid,
      line: 14,
      path: 'http.adminTokens[1].name',
      message: /admin token name 'ops' is used twice/,
    },
    {
      name: 'a literal password in a connector option',
      files: goodFiles(
        GOOD_CONFIG.replace('delimiter: ";"', 'delimiter: ";"\n      password: 12345'),
      ),
      code: ConfigErrorCode.SecretLiteral,
      line: 23,
      path: 'connectors[0].options.password',
      message: /'password' is a secret/,
    },
    {
      name: 'a URL with a literal password',
      files: goodFiles(
        GOOD_CONFIG.replace('sqlitePath: ../data/crosswalk.sqlite', 'url: postgres://u:pw@h/db'),
      ),
      code: ConfigErrorCode.SecretLiteral,
      line: 4,
      path: 'store.url',
      message: /URL with a literal password/,
    },
    {
      name: 'an unknown connector type',
      files: goodFiles(GOOD_CONFIG.replace('type: erp-sql', 'type: erp-cobol')),
      code: ConfigErrorCode.UnknownConnectorType,
      line: 24,
      path: 'connectors[1].type',
      message: /unknown connector type 'erp-cobol'; known types: erp-file, erp-sql/,
    },
    {
      name: 'an unset environment variable',
      files: goodFiles(),
      env: { CROSSWALK_PORT: '8080' },
      code: ConfigErrorCode.ReferenceUnresolved,
      line: 29,
      path: 'connectors[1].options.url',
      message: /environment variable ERP_DB_PASSWORD is not set/,
    },
    {
      name: 'an empty referenced file',
      files: { ...goodFiles(), 'secrets/admin-token': '' },
      code: ConfigErrorCode.Invalid,
      line: 14,
      path: 'http.adminTokens[0].token',
      message: /token should not be empty/,
    },
    {
      name: 'a missing referenced file',
      files: goodFiles(GOOD_CONFIG.replace('secrets/admin-token', 'secrets/nope')),
      code: ConfigErrorCode.ReferenceUnresolved,
      line: 14,
      path: 'http.adminTokens[0].token',
      message: /cannot read referenced file .*secrets\/nope \(ENOENT\)/,
    },
    {
      name: 'an unknown reference scheme',
      files: goodFiles(GOOD_CONFIG.replace('${env:CROSSWALK_PORT}', '${vault:port}')),
      code: ConfigErrorCode.ReferenceInvalid,
      line: 13,
      path: 'http.port',
      message: /unknown reference \$\{vault:...\}/,
    },
    {
      name: 'bad YAML',
      files: goodFiles(GOOD_CONFIG.replace('  sink: file', '  sink: [file')),
      code: ConfigErrorCode.Syntax,
      line: 7,
      path: '',
      message: /YAML syntax/,
    },
    {
      name: 'a duplicate key',
      files: goodFiles(GOOD_CONFIG.replace('  sink: file', '  sink: file\n  sink: kafka')),
      code: ConfigErrorCode.Syntax,
      line: 7,
      path: '',
      message: /unique/,
    },
    {
      name: 'a wrong type',
      files: goodFiles(GOOD_CONFIG.replace('batchSize: 200', 'batchSize: lots')),
      code: ConfigErrorCode.Invalid,
      line: 7,
      path: 'events.relay.batchSize',
      message: /batchSize must be an integer number/,
    },
    {
      name: 'a value out of range from a reference',
      files: goodFiles(),
      env: { ...BASE_ENV, CROSSWALK_PORT: '70000' },
      code: ConfigErrorCode.Invalid,
      line: 13,
      path: 'http.port',
      message: /port must not be greater than 65535/,
    },
    {
      name: 'an unknown enum value',
      files: goodFiles(GOOD_CONFIG.replace('database: sqlite', 'database: oracle')),
      code: ConfigErrorCode.Invalid,
      line: 3,
      path: 'store.database',
      message: /database must be one of the following values: sqlite, postgres/,
    },
    {
      name: 'a bad cron',
      files: goodFiles(GOOD_CONFIG.replace('*/15 * * * *', '61 * * * *')),
      code: ConfigErrorCode.Invalid,
      line: 18,
      path: 'connectors[0].schedule',
      message: /not a valid cron expression \(Field value \(61\) is out of range\)/,
    },
    {
      name: 'an unknown field in connector options',
      files: goodFiles(GOOD_CONFIG.replace('delimiter: ";"', 'delimeter: ";"')),
      code: ConfigErrorCode.Invalid,
      line: 22,
      path: 'connectors[0].options.delimeter',
      message: /property delimeter should not exist/,
    },
    {
      name: 'an invalid connector option',
      files: goodFiles(GOOD_CONFIG.replace('delimiter: ";"', 'delimiter: ";;"')),
      code: ConfigErrorCode.Invalid,
      line: 22,
      path: 'connectors[0].options.delimiter',
      message: /delimiter must be longer than or equal to 1 characters|delimiter must be shorter/,
    },
    {
      name: 'a missing required connector option',
      files: goodFiles(GOOD_CONFIG.replace('      dropDir: ../data/drop\n', '')),
      code: ConfigErrorCode.Invalid,
      line: 20,
      path: 'connectors[0].options.dropDir',
      message: /dropDir must be a string/,
    },
    {
      name: 'an unknown top-level section',
      files: goodFiles(`${GOOD_CONFIG}logging: { level: debug }\n`),
      code: ConfigErrorCode.Invalid,
      line: 30,
      path: 'logging',
      message: /property logging should not exist/,
    },
    {
      name: 'duplicate connector names',
      files: goodFiles(GOOD_CONFIG.replace('name: erp-sql', 'name: erp-csv')),
      code: ConfigErrorCode.DuplicateConnector,
      line: 23,
      path: 'connectors[1].name',
      message: /connector name 'erp-csv' is already used by connectors\[0\] \(line 16\)/,
    },
    {
      name: 'a missing mapping file',
      files: goodFiles(
        GOOD_CONFIG.replace('mapping: mappings/erp-csv.yaml', 'mapping: mappings/x.yaml'),
      ),
      code: ConfigErrorCode.NotFound,
      line: 19,
      path: 'connectors[0].mapping',
      message: /mapping file .*mappings\/x.yaml: cannot read the file \(ENOENT\)/,
    },
    {
      name: 'a mapping to a field the model lacks',
      files: {
        ...goodFiles(),
        'mappings/erp-csv.yaml': `${GOOD_MAPPING}  SHOE: shoeSize\n  FOOT: shoeSize\n`,
      },
      code: ConfigErrorCode.MappingInvalid,
      file: 'mappings/erp-csv.yaml',
      line: 6,
      path: 'fields.FOOT',
      message: /the customer model has no field shoeSize/,
    },
    {
      name: 'bad YAML in a mapping file',
      files: { ...goodFiles(), 'mappings/erp-csv.yaml': 'fields:\n  a: [b\n' },
      code: ConfigErrorCode.Syntax,
      file: 'mappings/erp-csv.yaml',
      line: 3,
      path: '',
      message: /YAML syntax/,
    },
    {
      name: 'a priority naming no connector',
      files: goodFiles(GOOD_CONFIG.replace('[erp-sql, erp-csv]', '[erp-sql, erp-xls]')),
      code: ConfigErrorCode.Invalid,
      line: 11,
      path: 'reconcile.sourcePriority[1]',
      message: /no connector is named 'erp-xls'/,
    },
    {
      name: 'a review threshold above the link threshold',
      files: goodFiles(
        GOOD_CONFIG.replace(
          '[erp-sql, erp-csv]',
          '[erp-sql, erp-csv]\n  thresholds: { link: 0.6, review: 0.9 }',
        ),
      ),
      code: ConfigErrorCode.Invalid,
      line: 12,
      path: 'reconcile.thresholds.review',
      message: /review \(0.9\) must not be above link \(0.6\)/,
    },
    {
      name: 'an unknown matching mode',
      files: goodFiles(
        GOOD_CONFIG.replace('[erp-sql, erp-csv]', '[erp-sql, erp-csv]\n  matching: fuzzy'),
      ),
      code: ConfigErrorCode.Invalid,
      line: 12,
      path: 'reconcile.matching',
      message: /matching/,
    },
    {
      name: 'a missing normalisation section',
      files: goodFiles(GOOD_CONFIG.replace('normalisation:\n  defaultRegion: se\n', '')),
      code: ConfigErrorCode.Invalid,
      line: 2,
      path: 'normalisation',
      message: /normalisation is required/,
    },
    {
      name: 'kafka chosen without brokers',
      files: {
        'crosswalk.yaml': 'normalisation: { defaultRegion: SE }\nevents: { sink: kafka }\n',
      },
      code: ConfigErrorCode.Invalid,
      line: 2,
      path: 'events.kafka',
      message: /kafka is required when sink is kafka/,
    },
  ];

  it.each(cases)('reports $name with file, line and key path', async (testCase) => {
    const error = await loadError(testCase.files, testCase.env);
    const configDir = join(root, 'config');
    const expected: Partial<ConfigIssue> = {
      code: testCase.code,
      file: join(configDir, testCase.file ?? 'crosswalk.yaml'),
      line: testCase.line,
      path: testCase.path,
    };
    expect(error.issues).toContainEqual(expect.objectContaining(expected));
    const issue = error.issues.find((found) => found.path === testCase.path);
    expect(issue?.message).toMatch(testCase.message);
    // the message lists the issue as file:line:column path: message
    const shownPath = testCase.path ? ` ${testCase.path}:` : '';
    expect(error.message).toContain(
      `${expected.file}:${testCase.line}:${issue?.column}${shownPath} ${issue?.message}`,
    );
  });

  it('collects every problem into one error, one per line', async () => {
    const error = await loadError(
      goodFiles(
        GOOD_CONFIG.replace('batchSize: 200', 'batchSize: 0')
          .replace('type: erp-sql', 'type: nope')
          .replace('${file:secrets/admin-token}', 'plain-text'),
      ),
    );
    expect(error.code).toBe(ConfigErrorCode.Invalid);
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'connectors[1].type',
      'events.relay.batchSize',
      'http.adminTokens[0].token',
    ]);
    expect(error.message.split('\n')).toHaveLength(4);
    expect(error.message.split('\n')[0]).toBe('Invalid configuration (3 problems):');
  });

  it('never puts a resolved secret in an error message', async () => {
    const error = await loadError(
      goodFiles(GOOD_CONFIG.replace('mapping: mappings/erp-csv.yaml', 'mapping: 5')),
      {
        ...BASE_ENV,
        DATABASE_URL: 'mysql://crosswalk:db-secret-value@db/crosswalk',
        CROSSWALK_PORT: 'port-secret-value',
      },
    );
    expect(error.issues.length).toBeGreaterThan(1);
    expect(error.message).toContain('store.url: url must be a postgres:// URL');
    for (const secret of [
      'db-secret-value',
      'port-secret-value',
      'admin-token-value-42',
      'erp-pw-123',
    ]) {
      expect(error.message).not.toContain(secret);
      expect(JSON.stringify(error.issues)).not.toContain(secret);
    }
  });
});

describe('redacted', () => {
  it('hides secret keys and URL passwords', async () => {
    const configDir = writeFiles(
      goodFiles(
        GOOD_CONFIG.replace(
          '  sink: file',
          '  kafka:\n    brokers: [k:9092]\n    sasl: { mechanism: plain, username: cw, password: "${env:KAFKA_PW}" }',
        ).replace('delimiter: ";"', 'delimiter: ";"\n      password: ${env:KAFKA_PW}'),
      ),
    );
    const config = await loadConfig(
      options(configDir, {
        ...BASE_ENV,
        KAFKA_PW: 'kafka-secret',
        KAFKA_BROKERS: 'k:9092',
        DATABASE_URL: 'postgres://crosswalk:pg-secret@db/crosswalk',
      }),
    );
    expect(config.events.sink === 'kafka' && config.events.kafka.sasl?.password).toBe(
      'kafka-secret',
    );

    const view = redacted(config);
    const text = JSON.stringify(view);
    for (const secret of ['kafka-secret', 'pg-secret', 'admin-token-value-42', 'erp-pw-123']) {
      expect(text).not.toContain(secret);
    }
    expect(view['store']).toEqual({
      database: 'postgres',
      url: 'postgres://crosswalk:***@db/crosswalk',
    });
    expect(view['http']).toEqual({ port: 8080, adminTokens: [{ name: 'ops', token: '***' }] });
    expect(view['connectors']).toEqual([
      expect.objectContaining({
        name: 'erp-csv',
        mapping: join(configDir, 'mappings', 'erp-csv.yaml'),
        options: { dropDir: '../data/drop', delimiter: ';', encoding: 'utf-8', password: '***' },
      }),
      expect.objectContaining({ options: { url: 'mysql://reader:***@localhost/erp' } }),
    ]);
  });
});
