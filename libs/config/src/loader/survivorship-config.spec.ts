import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ConfigErrorCode } from '../config-error';
import { loadConfig } from './config.loader';

/** `reconcile.survivorship`: rules per canonical field, checked at boot. */

let configDir: string;

beforeEach(() => {
  configDir = join(mkdtempSync(join(tmpdir(), 'crosswalk-survivorship-')), 'config');
  mkdirSync(configDir);
});

afterEach(() => {
  rmSync(join(configDir, '..'), { recursive: true, force: true });
});

function load(survivorship: string) {
  const yaml = [
    'normalisation:',
    '  defaultRegion: SE',
    'reconcile:',
    '  staleAfterDays: 30',
    '  survivorship:',
    ...survivorship.split('\n').map((line) => `    ${line}`),
    '',
  ].join('\n');
  writeFileSync(join(configDir, 'crosswalk.yaml'), yaml);
  return loadConfig({
    configDir,
    env: {},
    connectorFactory: () => undefined,
    connectorTypes: [],
    compileMapping: () => ({}),
  });
}

async function issuesOf(survivorship: string) {
  const thrown: unknown = await load(survivorship).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(ConfigError);
  return (thrown as ConfigError).issues.map(({ code, file, line, path, message }) => ({
    code,
    file,
    line,
    path,
    message,
  }));
}

describe('reconcile.survivorship', () => {
  it('takes a rule name or { rule: NAME } per field', async () => {
    const config = await load(
      [
        'legalName: most-frequent',
        'phones: { rule: source-priority }',
        'addresses: most-complete',
        'fullName:',
      ].join('\n'),
    );
    expect(config.reconcile).toEqual({
      sourcePriority: [],
      staleAfterDays: 30,
      survivorship: {
        legalName: 'most-frequent',
        phones: 'source-priority',
        addresses: 'most-complete',
      },
      matching: 'probabilistic',
      thresholds: null,
    });
    expect(Object.isFrozen(config.reconcile.survivorship)).toBe(true);
  });

  it('defaults to no rules', async () => {
    writeFileSync(join(configDir, 'crosswalk.yaml'), 'normalisation: { defaultRegion: SE }\n');
    const config = await loadConfig({
      configDir,
      env: {},
      connectorFactory: () => undefined,
      connectorTypes: [],
      compileMapping: () => ({}),
    });
    expect(config.reconcile.survivorship).toEqual({});
  });

  it.each<[string, string, number, string, RegExp]>([
    [
      'an unknown field',
      'legalName: longest\nnickname: longest',
      7,
      'reconcile.survivorship.nickname',
      /'nickname' is not a canonical field; fields: kind, fullName/,
    ],
    [
      'an unknown rule',
      'legalName: newest',
      6,
      'reconcile.survivorship.legalName',
      /unknown survivorship rule 'newest'; legalName takes: source-priority, most-recent/,
    ],
    [
      'an unknown rule in the object form',
      'phones:\n  rule: freshest',
      7,
      'reconcile.survivorship.phones.rule',
      /unknown survivorship rule 'freshest'/,
    ],
    [
      'a rule that does not fit a date',
      'birthDate: longest',
      6,
      'reconcile.survivorship.birthDate',
      /rule 'longest' does not fit birthDate \(a date field\)/,
    ],
    [
      'union on a single value',
      'legalName: { rule: union }',
      6,
      'reconcile.survivorship.legalName.rule',
      /rule 'union' does not fit legalName/,
    ],
    [
      'longest on a list',
      'emails: longest',
      6,
      'reconcile.survivorship.emails',
      /does not fit emails \(a list field\); it takes: union, source-priority/,
    ],
    [
      'a rule that is not text',
      'website: 3',
      6,
      'reconcile.survivorship.website',
      /unknown survivorship rule of type number/,
    ],
    [
      'an unknown key in the object form',
      'phones:\n  rule: union\n  pinned: true',
      8,
      'reconcile.survivorship.phones.pinned',
      /unknown key 'pinned'; only rule/,
    ],
    [
      'the object form without a rule',
      'phones: {}',
      6,
      'reconcile.survivorship.phones',
      /rule is required/,
    ],
  ])('reports %s with file, line and key path', async (_case, yaml, line, path, message) => {
    const issues = await issuesOf(yaml);
    expect(issues).toEqual([
      {
        code: ConfigErrorCode.Invalid,
        file: join(configDir, 'crosswalk.yaml'),
        line,
        path,
        message: expect.stringMatching(message),
      },
    ]);
  });

  it('reports every bad field at once', async () => {
    const issues = await issuesOf('birthDate: longest\nkind: union\nphones: most-frequent');
    expect(issues.map((issue) => issue.path)).toEqual([
      'reconcile.survivorship.birthDate',
      'reconcile.survivorship.kind',
    ]);
  });

  it('refuses a survivorship that is not a mapping', async () => {
    writeFileSync(
      join(configDir, 'crosswalk.yaml'),
      'normalisation: { defaultRegion: SE }\nreconcile:\n  survivorship: [longest]\n',
    );
    const thrown: unknown = await loadConfig({
      configDir,
      env: {},
      connectorFactory: () => undefined,
      connectorTypes: [],
      compileMapping: () => ({}),
    }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).issues).toEqual([
      expect.objectContaining({ path: 'reconcile.survivorship', line: 3 }),
    ]);
  });
});
