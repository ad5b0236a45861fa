import { type SourceKey } from '@crosswalk/model';
import { InvalidArgumentError } from 'commander';
import { type BootOptions } from '../boot/boot-options';
import { MAX_REVIEW_PAGE, PINNABLE_FIELDS, type PinnableField } from '../curation/curation-input';

/** Parsers of the curation commands' arguments; a bad one is a usage error (exit 2). */

export function parseLimit(text: string): number {
  const limit = Number(text);
  if (!/^\d+$/.test(text) || limit < 1 || limit > MAX_REVIEW_PAGE) {
    throw new InvalidArgumentError(`a whole number from 1 to ${MAX_REVIEW_PAGE}`);
  }
  return limit;
}

export function parseField(text: string): PinnableField {
  const field = PINNABLE_FIELDS.find((name) => name === text);
  if (field === undefined) {
    throw new InvalidArgumentError(
      `not a field that can be pinned; one of ${PINNABLE_FIELDS.join(', ')}`,
    );
  }
  return field;
}

/** JSON when it parses (`["a@b.se"]`, `{"lines":[...]}`), the text as it is otherwise. */
export function parsePinValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * One `--group`: `connector/object/externalId` keys separated by commas. The external id is
 * everything after the second slash, so it may hold slashes itself.
 */
export function parseGroup(text: string, groups: SourceKey[][] = []): SourceKey[][] {
  const keys = text.split(',').map((part) => part.trim());
  const group = keys.map((part) => {
    const first = part.indexOf('/');
    const second = first < 0 ? -1 : part.indexOf('/', first + 1);
    const key = {
      connector: part.slice(0, first),
      object: part.slice(first + 1, second),
      externalId: part.slice(second + 1),
    };
    if (second < 0 || key.connector === '' || key.object === '' || key.externalId === '') {
      throw new InvalidArgumentError(`'${part}' is not connector/object/externalId`);
    }
    return key;
  });
  return [...groups, group];
}

/** Who acts when `--by` is not given: the login name, from the environment the CLI booted with. */
export function operatorOf(boot: BootOptions): string {
  return boot.env['USER'] || boot.env['LOGNAME'] || boot.env['USERNAME'] || 'cli';
}
