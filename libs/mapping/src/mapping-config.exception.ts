import { CodedError } from '@crosswalk/model';

export enum MappingConfigErrorCode {
  /** The definition does not have the expected shape (a list where a map belongs, a missing key...). */
  INVALID_DEFINITION = 'INVALID_DEFINITION',
  /** A key the grammar does not know (usually a typo such as `form:` for `from:`). */
  UNKNOWN_KEY = 'UNKNOWN_KEY',
  /** A mapping to a field the canonical model lacks. */
  UNKNOWN_FIELD = 'UNKNOWN_FIELD',
  UNKNOWN_TRANSFORM = 'UNKNOWN_TRANSFORM',
  BAD_TRANSFORM_ARGUMENT = 'BAD_TRANSFORM_ARGUMENT',
  MISSING_EXTERNAL_ID = 'MISSING_EXTERNAL_ID',
  MISSING_KIND = 'MISSING_KIND',
}

/** One thing wrong in a mapping file. */
export interface MappingProblem {
  code: MappingConfigErrorCode;
  /** Key path inside the file, e.g. ["objects", "customers", "fields", "nickname"]. */
  path: string[];
  /** What is wrong, without the file and path. */
  reason: string;
}

export type MappingConfigErrorDetails = {
  file: string;
  /** Key path of the first problem; the config loader turns it into a line number. */
  path: string[];
  reason: string;
  /** Every problem found, the first one included. */
  problems: MappingProblem[];
};

/**
 * A mapping file that cannot be compiled. Carries the first problem's code and path, and
 * lists every problem so one run of validate-config shows them all.
 */
export class MappingConfigError extends CodedError<MappingConfigErrorCode> {
  declare readonly details: Readonly<MappingConfigErrorDetails>;

  constructor(file: string, problems: MappingProblem[]) {
    const [first, ...rest] = problems;
    if (first === undefined)
      throw new RangeError('a MappingConfigError needs at least one problem');
    const more =
      rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
    super(first.code, `${file}: ${formatKeyPath(first.path)}: ${first.reason}${more}`, {
      file,
      path: first.path,
      reason: first.reason,
      problems,
    } satisfies MappingConfigErrorDetails);
  }
}

/** ["objects", "customers", "fields", "addresses[0].lines"] -> objects.customers.fields.addresses[0].lines */
export function formatKeyPath(path: readonly string[]): string {
  return path.length === 0 ? '(root)' : path.join('.');
}
