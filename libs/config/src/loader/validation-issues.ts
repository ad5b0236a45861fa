import { type ValidationError } from 'class-validator';
import { ConfigErrorCode, type ConfigIssue } from '../config-error';
import { type ConfigPath } from '../yaml/config-path';
import { type YamlFile } from '../yaml/yaml-file.reader';

/**
 * Flattens class-validator's error tree into located issues. Messages come from the
 * constraints only: they never quote the value, which may be a resolved secret.
 */
export function validationIssues(
  errors: readonly ValidationError[],
  source: YamlFile,
  prefix: ConfigPath,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const visit = (error: ValidationError, parentPath: ConfigPath, parentValue: unknown): void => {
    const segment = Array.isArray(parentValue) ? Number(error.property) : error.property;
    const path = [...parentPath, segment];
    for (const message of Object.values(error.constraints ?? {})) {
      issues.push(source.issue(ConfigErrorCode.Invalid, path, message));
    }
    for (const child of error.children ?? []) visit(child, path, error.value);
  };
  for (const error of errors) visit(error, prefix, undefined);
  return issues;
}
