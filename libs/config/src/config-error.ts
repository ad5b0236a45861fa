import { CodedError } from '@crosswalk/model';

export enum ConfigErrorCode {
  /** A value has the wrong type, is out of range, unknown or missing. */
  Invalid = 'CONFIG_INVALID',
  /** The main config file, or a file it names (a mapping), does not exist. */
  NotFound = 'CONFIG_NOT_FOUND',
  /** The file is not well-formed YAML. */
  Syntax = 'CONFIG_YAML_SYNTAX',
  /** A secret written as a literal instead of a `${env:...}` or `${file:...}` reference. */
  SecretLiteral = 'CONFIG_SECRET_LITERAL',
  /** A `${env:NAME}` whose variable is unset, or a `${file:PATH}` that cannot be read. */
  ReferenceUnresolved = 'CONFIG_REFERENCE_UNRESOLVED',
  /** A `${scheme:...}` reference with a scheme other than env or file. */
  ReferenceInvalid = 'CONFIG_REFERENCE_INVALID',
  /** A connector `type` no registered connector factory provides. */
  UnknownConnectorType = 'CONFIG_UNKNOWN_CONNECTOR_TYPE',
  /** Two connectors with the same name. */
  DuplicateConnector = 'CONFIG_DUPLICATE_CONNECTOR',
  /** A connector's mapping file failed to compile. */
  MappingInvalid = 'CONFIG_MAPPING_INVALID',
}

/** One problem, located in a file. Never carries a secret value. */
export interface ConfigIssue {
  code: ConfigErrorCode;
  file: string;
  /** 1-based; the key's line when the key exists, else its nearest existing parent's. */
  line: number;
  column: number;
  /** Key path inside the file, e.g. `connectors[1].options.delimiter`; '' for the whole file. */
  path: string;
  message: string;
}

/** `file:line:column path: message`, the form every issue is shown in. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  return issue.path ? `${where} ${issue.path}: ${issue.message}` : `${where} ${issue.message}`;
}

/**
 * Every problem found in the configuration, one per line in `message`. The code is the
 * issues' common code, or CONFIG_INVALID when they differ.
 */
export class ConfigError extends CodedError<ConfigErrorCode> {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const codes = new Set(issues.map((issue) => issue.code));
    const [only] = codes;
    const code = codes.size === 1 && only !== undefined ? only : ConfigErrorCode.Invalid;
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(
      code,
      [`Invalid configuration (${count}):`, ...issues.map(formatConfigIssue)].join('\n'),
      {
        issues,
      },
    );
    this.issues = issues;
  }
}
