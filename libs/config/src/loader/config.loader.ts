import { dirname, join, resolve } from 'node:path';
import { type ConnectorFactory } from '@crosswalk/connectors';
import { type CanonicalField, CodedError, type SurvivorshipRule } from '@crosswalk/model';
import { fieldRuleProblem, isCanonicalField, isSurvivorshipRule } from '@crosswalk/reconcile';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidatorOptions } from 'class-validator';
import { ConfigError, ConfigErrorCode, type ConfigIssue } from '../config-error';
import {
  type ConnectorConfig,
  type CrosswalkConfig,
  type EventsConfig,
  type StoreConfig,
} from '../crosswalk-config.types';
import { type ConnectorEntryDto } from '../dto/connector-entry.dto';
import { CrosswalkConfigDto } from '../dto/crosswalk-config.dto';
import { type ConfigEnv, resolveReferences } from '../secrets/reference.resolver';
import { type ConfigPath, formatConfigPath } from '../yaml/config-path';
import { readYamlFile, type YamlFile } from '../yaml/yaml-file.reader';
import { applyEnvOverrides, type OverriddenKeys } from './env-overrides';
import { validationIssues } from './validation-issues';

/** Compiles one mapping file's content; throws a CodedError with `details.path` when it is wrong. */
export type MappingCompiler<M> = (definition: unknown, source: { file: string }) => M;

export interface LoadConfigOptions<M> {
  /** Folder holding the config file; relative paths inside the file resolve from it. */
  configDir: string;
  /** Default `crosswalk.yaml`. */
  fileName?: string;
  /** The process environment (the app passes process.env): the only source of env values. */
  env: ConfigEnv;
  /** Finds the factory of a connector type (the connector registry). */
  connectorFactory: (type: string) => ConnectorFactory | undefined;
  /** Every registered type, named in the message for an unknown one. */
  connectorTypes: readonly string[];
  compileMapping: MappingCompiler<M>;
}

export const DEFAULT_CONFIG_FILE = 'crosswalk.yaml';

const STRICT: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  validationError: { target: false },
};

/**
 * Reads `<configDir>/crosswalk.yaml`, resolves references, applies the DATABASE_URL and
 * KAFKA_BROKERS overrides, validates everything (connector options and mapping files too)
 * and returns one typed, frozen object. Every problem found is reported in one ConfigError.
 */
export async function loadConfig<M>(options: LoadConfigOptions<M>): Promise<CrosswalkConfig<M>> {
  const shownFile = join(options.configDir, options.fileName ?? DEFAULT_CONFIG_FILE);
  const file = resolve(shownFile);
  const baseDir = dirname(file);
  const source = await readYamlFile(file, shownFile);
  const resolved = await resolveReferences(source, baseDir, options.env);
  const issues: ConfigIssue[] = [...resolved.issues];

  const document = withoutNulls(resolved.value ?? {});
  if (!isRecord(document)) {
    issues.push(source.issue(ConfigErrorCode.Invalid, [], 'the file must be a YAML mapping'));
    throw new ConfigError(issues);
  }
  const { config: plain, overridden } = applyEnvOverrides(document, options.env);
  const dto = plainToInstance(CrosswalkConfigDto, plain, { exposeDefaultValues: true });
  const found = validationIssues(await validate(dto, STRICT), source, []);

  const checked = await checkConnectors(dto, source, baseDir, options, found);
  found.push(...checkSourcePriority(dto, source));
  found.push(...checkThresholds(dto, source));
  const survivorship = checkSurvivorship(dto, source);
  found.push(...survivorship.issues);
  found.push(...checkKafkaBrokers(dto, source));
  found.push(...checkAdminTokenNames(dto, source));
  issues.push(
    ...found
      // a finding under a key whose reference already failed only repeats that failure
      .filter(
        (issue) =>
          !resolved.failedPaths.some(
            (failed) =>
              issue.file === source.file && isAtOrBelow(issue.path, formatConfigPath(failed)),
          ),
      )
      .map((issue) => annotateOverride(issue, overridden)),
  );
  if (issues.length > 0) throw new ConfigError(issues);

  return Object.freeze({
    file,
    store: storeConfig(dto, baseDir),
    events: eventsConfig(dto, baseDir),
    normalisation: Object.freeze({ defaultRegion: dto.normalisation.defaultRegion }),
    reconcile: Object.freeze({
      sourcePriority: Object.freeze([...dto.reconcile.sourcePriority]),
      staleAfterDays: dto.reconcile.staleAfterDays,
      survivorship: Object.freeze(survivorship.rules),
      matching: dto.reconcile.matching,
      thresholds: dto.reconcile.thresholds
        ? Object.freeze({
            link: dto.reconcile.thresholds.link,
            review: dto.reconcile.thresholds.review,
          })
        : null,
    }),
    http: Object.freeze({
      port: dto.http.port,
      adminTokens: Object.freeze(
        dto.http.adminTokens.map((entry) =>
          Object.freeze({ name: entry.name, token: entry.token }),
        ),
      ),
    }),
    connectors: Object.freeze(checked),
  });
}

function checkKafkaBrokers(dto: CrosswalkConfigDto, source: YamlFile): ConfigIssue[] {
  const events = dto.events;
  if (events.sink !== 'kafka' || events.kafka === undefined) return [];
  if (events.kafka.brokers !== undefined) return [];
  return [
    source.issue(
      ConfigErrorCode.Invalid,
      ['events', 'kafka', 'brokers'],
      'brokers is required when sink is kafka (or set KAFKA_BROKERS)',
    ),
  ];
}

/** A token's name is the actor recorded with each decision: two tokens may not share one. */
function checkAdminTokenNames(dto: CrosswalkConfigDto, source: YamlFile): ConfigIssue[] {
  const tokens: unknown = dto.http?.adminTokens;
  if (!Array.isArray(tokens)) return [];
  const seen = new Set<string>();
  return tokens.flatMap((entry: unknown, index) => {
    const name = isRecord(entry) ? entry['name'] : undefined;
    if (typeof name !== 'string') return [];
    if (!seen.has(name)) {
      seen.add(name);
      return [];
    }
    return [
      source.issue(
        ConfigErrorCode.Invalid,
        ['http', 'adminTokens', index, 'name'],
        `admin token name '${name}' is used twice`,
      ),
    ];
  });
}

async function checkConnectors<M>(
  dto: CrosswalkConfigDto,
  source: YamlFile,
  baseDir: string,
  options: LoadConfigOptions<M>,
  issues: ConfigIssue[],
): Promise<ConnectorConfig<M>[]> {
  const connectors: ConnectorConfig<M>[] = [];
  const firstByName = new Map<string, number>();
  if (!Array.isArray(dto.connectors)) return connectors;
  for (const [index, entry] of dto.connectors.entries()) {
    const at = (...rest: ConfigPath): ConfigPath => ['connectors', index, ...rest];
    if (!isRecord(entry)) continue;
    if (typeof entry.name === 'string') {
      const first = firstByName.get(entry.name);
      if (first === undefined) firstByName.set(entry.name, index);
      else {
        const { line } = source.locate(['connectors', first]);
        issues.push(
          source.issue(
            ConfigErrorCode.DuplicateConnector,
            at('name'),
            `connector name '${entry.name}' is already used by connectors[${first}] (line ${line})`,
          ),
        );
      }
    }
    const factory =
      typeof entry.type === 'string' ? options.connectorFactory(entry.type) : undefined;
    if (typeof entry.type === 'string' && factory === undefined) {
      const known = options.connectorTypes.length > 0 ? options.connectorTypes.join(', ') : 'none';
      issues.push(
        source.issue(
          ConfigErrorCode.UnknownConnectorType,
          at('type'),
          `unknown connector type '${entry.type}'; known types: ${known}`,
        ),
      );
    }
    const connectorOptions = factory
      ? await checkOptions(entry, factory, source, at('options'), issues)
      : undefined;
    const mapping = await compileMappingFile(
      entry,
      source,
      baseDir,
      at('mapping'),
      options,
      issues,
    );
    if (connectorOptions !== undefined && mapping !== undefined) {
      connectors.push(
        Object.freeze({
          name: entry.name,
          type: entry.type,
          ...(entry.schedule !== undefined && { schedule: entry.schedule }),
          pageSize: entry.pageSize,
          enabled: entry.enabled,
          options: connectorOptions,
          mapping: mapping.compiled,
          mappingFile: mapping.file,
          baseDir,
          source: Object.freeze({ file: source.file, line: source.locate(at()).line }),
        }),
      );
    }
  }
  return connectors;
}

async function checkOptions(
  entry: ConnectorEntryDto,
  factory: ConnectorFactory,
  source: YamlFile,
  path: ConfigPath,
  issues: ConfigIssue[],
): Promise<object | undefined> {
  if (!isRecord(entry.options)) return undefined;
  const instance = plainToInstance(factory.optionsClass, entry.options, {
    exposeDefaultValues: true,
  });
  const found = validationIssues(await validate(instance, STRICT), source, path);
  issues.push(...found);
  return found.length === 0 ? instance : undefined;
}

async function compileMappingFile<M>(
  entry: ConnectorEntryDto,
  source: YamlFile,
  baseDir: string,
  path: ConfigPath,
  options: LoadConfigOptions<M>,
  issues: ConfigIssue[],
): Promise<{ compiled: M; file: string } | undefined> {
  if (typeof entry.mapping !== 'string' || entry.mapping === '') return undefined;
  const file = resolve(baseDir, entry.mapping);
  const shownFile = join(dirname(source.file), entry.mapping);
  let mapping: YamlFile;
  try {
    mapping = await readYamlFile(file, shownFile);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) {
      issues.push(
        issue.code === ConfigErrorCode.NotFound
          ? source.issue(
              ConfigErrorCode.NotFound,
              path,
              `mapping file ${shownFile}: ${issue.message}`,
            )
          : issue,
      );
    }
    return undefined;
  }
  try {
    return { compiled: options.compileMapping(mapping.value, { file: shownFile }), file };
  } catch (error) {
    if (!(error instanceof CodedError)) throw error;
    issues.push(...mappingIssues(error as CodedError<string>, mapping));
    return undefined;
  }
}

/**
 * The mapping library reports every problem in `details.problems` ({ path, reason }) and the
 * first in `details.path`; each becomes an issue at its line in the mapping file.
 */
function mappingIssues(error: CodedError, mapping: YamlFile): ConfigIssue[] {
  const problems: unknown = error.details['problems'];
  const listed = Array.isArray(problems)
    ? problems.filter(isRecord).map((problem) => ({
        path: toConfigPath(problem['path']),
        reason: typeof problem['reason'] === 'string' ? problem['reason'] : error.message,
      }))
    : [];
  const found =
    listed.length > 0
      ? listed
      : [{ path: toConfigPath(error.details['path']), reason: error.message }];
  return found.map(({ path, reason }) =>
    mapping.issue(ConfigErrorCode.MappingInvalid, path, reason),
  );
}

function toConfigPath(value: unknown): ConfigPath {
  return Array.isArray(value)
    ? value.filter((segment) => typeof segment === 'string' || typeof segment === 'number')
    : [];
}

function checkSourcePriority(dto: CrosswalkConfigDto, source: YamlFile): ConfigIssue[] {
  const priority: unknown = dto.reconcile?.sourcePriority;
  if (!Array.isArray(priority) || !Array.isArray(dto.connectors)) return [];
  const names = new Set(dto.connectors.map((entry) => (isRecord(entry) ? entry.name : undefined)));
  return priority.flatMap((name: unknown, index) =>
    typeof name === 'string' && !names.has(name)
      ? [
          source.issue(
            ConfigErrorCode.Invalid,
            ['reconcile', 'sourcePriority', index],
            `no connector is named '${name}'`,
          ),
        ]
      : [],
  );
}

function checkThresholds(dto: CrosswalkConfigDto, source: YamlFile): ConfigIssue[] {
  const thresholds = dto.reconcile?.thresholds;
  if (thresholds === undefined || !(thresholds.review > thresholds.link)) return [];
  return [
    source.issue(
      ConfigErrorCode.Invalid,
      ['reconcile', 'thresholds', 'review'],
      `review (${thresholds.review}) must not be above link (${thresholds.link})`,
    ),
  ];
}

type FieldRules = Partial<Record<CanonicalField, SurvivorshipRule>>;

/**
 * `reconcile.survivorship`: each key a canonical field, each value a rule name or
 * `{ rule: NAME }`, the rule one that fits the field's type (the reconcile library decides).
 */
function checkSurvivorship(
  dto: CrosswalkConfigDto,
  source: YamlFile,
): { issues: ConfigIssue[]; rules: FieldRules } {
  const issues: ConfigIssue[] = [];
  const rules: FieldRules = {};
  const declared: unknown = dto.reconcile?.survivorship;
  if (!isRecord(declared)) return { issues, rules };
  const at = (...rest: ConfigPath): ConfigPath => ['reconcile', 'survivorship', ...rest];
  for (const [field, entry] of Object.entries(declared)) {
    let rule: unknown = entry;
    let rulePath = at(field);
    if (isRecord(entry)) {
      const unknownKeys = Object.keys(entry).filter((key) => key !== 'rule');
      for (const key of unknownKeys) {
        issues.push(
          source.issue(ConfigErrorCode.Invalid, at(field, key), `unknown key '${key}'; only rule`),
        );
      }
      if (!('rule' in entry)) {
        issues.push(source.issue(ConfigErrorCode.Invalid, at(field), 'rule is required'));
        continue;
      }
      rule = entry['rule'];
      rulePath = at(field, 'rule');
    }
    const problem = fieldRuleProblem(field, rule);
    if (problem === undefined) {
      if (isCanonicalField(field) && isSurvivorshipRule(rule)) rules[field] = rule;
      continue;
    }
    const path = problem.kind === 'unknown-field' ? at(field) : rulePath;
    issues.push(source.issue(ConfigErrorCode.Invalid, path, problem.message));
  }
  return { issues, rules };
}

function storeConfig(dto: CrosswalkConfigDto, baseDir: string): StoreConfig {
  const { store } = dto;
  return Object.freeze(
    store.database === 'postgres' && store.url !== undefined
      ? { database: 'postgres' as const, url: store.url }
      : { database: 'sqlite' as const, sqlitePath: resolve(baseDir, store.sqlitePath) },
  );
}

function eventsConfig(dto: CrosswalkConfigDto, baseDir: string): EventsConfig {
  const { events } = dto;
  const relay = Object.freeze({
    batchSize: events.relay.batchSize,
    intervalMs: events.relay.intervalMs,
  });
  const kafka = events.kafka;
  if (events.sink === 'kafka' && kafka !== undefined) {
    return Object.freeze({
      sink: 'kafka' as const,
      relay,
      kafka: Object.freeze({
        brokers: Object.freeze([...(kafka.brokers ?? [])]),
        clientId: kafka.clientId,
        topicPrefix: kafka.topicPrefix,
        partitions: kafka.partitions,
        replicationFactor: kafka.replicationFactor,
        ssl: kafka.ssl,
        ...(kafka.sasl !== undefined && {
          sasl: Object.freeze({
            mechanism: kafka.sasl.mechanism,
            username: kafka.sasl.username,
            password: kafka.sasl.password,
          }),
        }),
      }),
    });
  }
  return Object.freeze({
    sink: 'file' as const,
    relay,
    fileSinkDir: resolve(baseDir, events.fileSinkDir),
  });
}

/** True when `path` (formatted) is `key` or lies below it. */
function isAtOrBelow(path: string, key: string): boolean {
  return path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`);
}

function annotateOverride(issue: ConfigIssue, overridden: OverriddenKeys): ConfigIssue {
  for (const [key, variable] of overridden) {
    if (isAtOrBelow(issue.path, key)) {
      return {
        ...issue,
        message: `${issue.message} (value from environment variable ${variable})`,
      };
    }
  }
  return issue;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `key:` with nothing after it means "not set", as if the key were absent. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, withoutNulls(item)]),
  );
}
