import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigErrorCode, type ConfigIssue } from '../config-error';
import { type ConfigPath } from '../yaml/config-path';
import { type YamlFile } from '../yaml/yaml-file.reader';
import {
  hasLiteralUrlPassword,
  isSecretKey,
  isWholeReference,
  REFERENCE_PATTERN,
} from './secret-rules';

export type ConfigEnv = Readonly<Record<string, string | undefined>>;

export interface ResolvedTree {
  value: unknown;
  issues: ConfigIssue[];
  /** Paths that already carry an issue: validation findings under them are noise. */
  failedPaths: ConfigPath[];
}

interface Walk {
  source: YamlFile;
  baseDir: string;
  env: ConfigEnv;
  result: ResolvedTree;
}

/**
 * Refuses literal secrets and replaces every `${env:NAME}` / `${file:PATH}` in string
 * values. Messages name the variable or file, never a value.
 */
export async function resolveReferences(
  source: YamlFile,
  baseDir: string,
  env: ConfigEnv,
): Promise<ResolvedTree> {
  const result: ResolvedTree = { value: undefined, issues: [], failedPaths: [] };
  result.value = await walk(source.value, [], undefined, { source, baseDir, env, result });
  return result;
}

async function walk(
  value: unknown,
  path: ConfigPath,
  secretKey: string | undefined,
  context: Walk,
): Promise<unknown> {
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries()) {
      items.push(await walk(item, [...path, index], secretKey, context));
    }
    return items;
  }
  if (value !== null && typeof value === 'object') {
    const entries: [string, unknown][] = [];
    for (const [key, item] of Object.entries(value)) {
      const nested = isSecretKey(key) ? key : secretKey;
      entries.push([key, await walk(item, [...path, key], nested, context)]);
    }
    return Object.fromEntries(entries);
  }
  if (secretKey !== undefined && isLiteralSecret(value)) {
    fail(context, ConfigErrorCode.SecretLiteral, path, secretLiteralMessage(secretKey));
    return undefined;
  }
  if (typeof value !== 'string') return value;
  if (hasLiteralUrlPassword(value)) {
    fail(
      context,
      ConfigErrorCode.SecretLiteral,
      path,
      'a URL with a literal password is refused; reference the whole URL (${env:NAME}) ' +
        'or its password (scheme://user:${env:NAME}@host/...)',
    );
    return undefined;
  }
  return resolveString(value, path, context);
}

function isLiteralSecret(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  return typeof value !== 'string' || !isWholeReference(value);
}

function secretLiteralMessage(key: string): string {
  return (
    `'${key}' is a secret and must be a reference, \${env:NAME} or \${file:PATH}; ` +
    'the literal value is refused'
  );
}

async function resolveString(
  text: string,
  path: ConfigPath,
  context: Walk,
): Promise<string | undefined> {
  const matches = [...text.matchAll(REFERENCE_PATTERN)];
  if (matches.length === 0) return text;
  let resolved = '';
  let from = 0;
  let ok = true;
  for (const match of matches) {
    const [whole, scheme = '', argument = ''] = match;
    resolved += text.slice(from, match.index);
    from = match.index + whole.length;
    const value = await resolveOne(scheme, argument.trim(), path, context);
    if (value === undefined) ok = false;
    else resolved += value;
  }
  return ok ? resolved + text.slice(from) : undefined;
}

async function resolveOne(
  scheme: string,
  argument: string,
  path: ConfigPath,
  context: Walk,
): Promise<string | undefined> {
  if (argument === '') {
    fail(context, ConfigErrorCode.ReferenceInvalid, path, `\${${scheme}:} names nothing`);
    return undefined;
  }
  if (scheme === 'env') {
    const value = context.env[argument];
    if (value === undefined) {
      fail(
        context,
        ConfigErrorCode.ReferenceUnresolved,
        path,
        `environment variable ${argument} is not set`,
      );
    }
    return value;
  }
  if (scheme === 'file') {
    const file = resolve(context.baseDir, argument);
    try {
      return (await readFile(file, 'utf8')).trim();
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      fail(
        context,
        ConfigErrorCode.ReferenceUnresolved,
        path,
        `cannot read referenced file ${file} (${reason})`,
      );
      return undefined;
    }
  }
  fail(
    context,
    ConfigErrorCode.ReferenceInvalid,
    path,
    `unknown reference \${${scheme}:...}; use \${env:NAME} or \${file:PATH}`,
  );
  return undefined;
}

function fail(context: Walk, code: ConfigErrorCode, path: ConfigPath, message: string): void {
  context.result.issues.push(context.source.issue(code, path, message));
  context.result.failedPaths.push(path);
}
