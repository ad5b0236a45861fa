import { type CustomerKind } from '@crosswalk/model';
import {
  MappingConfigError,
  MappingConfigErrorCode,
  type MappingProblem,
} from '../mapping-config.exception';
import { CompiledMapping } from './compiled-mapping';
import {
  type FieldRecipe,
  type KindRecipe,
  type ObjectRecipe,
  type ValueRecipe,
} from './compiled-object';
import { parseTarget } from '../target/canonical-target';
import { compileTransform } from '../transform/transform.compiler';
import { type Transform } from '../transform/transform.types';

const KINDS: readonly CustomerKind[] = ['person', 'organization'];
const OBJECT_KEYS = ['kind', 'externalId', 'modifiedAt', 'fields'];

type Path = readonly string[];
type Plain = Record<string, unknown>;

/**
 * Checks a parsed mapping file against the grammar in docs/mapping.md and compiles it.
 * Every problem is collected; if there is any, one MappingConfigError lists them all.
 */
export function compileMapping(definition: unknown, source: { file: string }): CompiledMapping {
  const problems: MappingProblem[] = [];
  const problem = (code: MappingConfigErrorCode, path: Path, reason: string): undefined => {
    problems.push({ code, path: [...path], reason });
    return undefined;
  };
  const objects = compileObjects(definition, problem);
  if (problems.length > 0 || objects === undefined)
    throw new MappingConfigError(source.file, problems);
  return new CompiledMapping(source.file, objects);
}

type Report = (code: MappingConfigErrorCode, path: Path, reason: string) => undefined;

function compileObjects(definition: unknown, problem: Report): ObjectRecipe[] | undefined {
  if (!isPlain(definition)) {
    return problem(
      MappingConfigErrorCode.INVALID_DEFINITION,
      [],
      'a mapping file is a map with the key "objects"',
    );
  }
  checkKeys(definition, ['objects'], [], problem);
  const objects = definition['objects'];
  if (!isPlain(objects) || Object.keys(objects).length === 0) {
    return problem(
      MappingConfigErrorCode.INVALID_DEFINITION,
      ['objects'],
      'objects must map each source object name to its mapping',
    );
  }
  const compiled: ObjectRecipe[] = [];
  for (const [name, spec] of Object.entries(objects)) {
    const recipe = compileObject(name, spec, ['objects', name], problem);
    if (recipe !== undefined) compiled.push(recipe);
  }
  return compiled;
}

function compileObject(
  name: string,
  spec: unknown,
  path: Path,
  problem: Report,
): ObjectRecipe | undefined {
  if (!isPlain(spec)) {
    return problem(
      MappingConfigErrorCode.INVALID_DEFINITION,
      path,
      'an object mapping is a map with kind, externalId and fields',
    );
  }
  checkKeys(spec, OBJECT_KEYS, path, problem);
  const kind = compileKind(spec['kind'], [...path, 'kind'], problem);
  const externalId =
    spec['externalId'] === undefined
      ? problem(
          MappingConfigErrorCode.MISSING_EXTERNAL_ID,
          [...path, 'externalId'],
          'externalId is required: name the source field(s) that identify a record',
        )
      : compileSourceRecipe(spec['externalId'], [...path, 'externalId'], [], problem);
  const modifiedAt =
    spec['modifiedAt'] === undefined
      ? undefined
      : compileModifiedAt(spec['modifiedAt'], [...path, 'modifiedAt'], problem);
  const fields = compileFields(spec['fields'], [...path, 'fields'], problem);
  if (kind === undefined || externalId === undefined || fields === undefined) return undefined;
  if (spec['modifiedAt'] !== undefined && modifiedAt === undefined) return undefined;
  return { name, kind, externalId, fields, ...(modifiedAt !== undefined && { modifiedAt }) };
}

/** `kind: person`, or `kind: { from: TYPE, transforms?, map: { P: person }, default?: organization }`. */
function compileKind(spec: unknown, path: Path, problem: Report): KindRecipe | undefined {
  if (spec === undefined) {
    return problem(
      MappingConfigErrorCode.MISSING_KIND,
      path,
      'kind is required: person, organization, or { from, map }',
    );
  }
  if (typeof spec === 'string') {
    if (isKind(spec)) return { type: 'constant', kind: spec };
    return problem(
      MappingConfigErrorCode.INVALID_DEFINITION,
      path,
      `"${spec}" is not a kind: write person or organization, or { from: FIELD, map: { VALUE: person } } to read it from the record`,
    );
  }
  const map = isPlain(spec) ? spec['map'] : undefined;
  if (isPlain(map)) {
    for (const [value, kind] of Object.entries(map)) {
      if (typeof kind !== 'string' || !isKind(kind)) {
        problem(
          MappingConfigErrorCode.BAD_TRANSFORM_ARGUMENT,
          [...path, 'map', value],
          `"${String(kind)}" is not person or organization`,
        );
      }
    }
  }
  if (
    isPlain(spec) &&
    spec['default'] !== undefined &&
    !(typeof spec['default'] === 'string' && isKind(spec['default']))
  ) {
    problem(
      MappingConfigErrorCode.INVALID_DEFINITION,
      [...path, 'default'],
      'the default kind must be person or organization',
    );
  }
  const recipe = compileValueRecipe(spec, path, ['map'], problem);
  if (recipe === undefined || !isPlain(spec)) return undefined;
  if (recipe.from.length === 0) {
    return problem(
      MappingConfigErrorCode.INVALID_DEFINITION,
      path,
      'a kind read from the record needs from',
    );
  }
  if (map === undefined) return { type: 'source', ...recipe };
  const mapTransform = compileTransform({ map });
  if (!mapTransform.ok)
    return problem(
      MappingConfigErrorCode[mapTransform.code],
      [...path, 'map'],
      mapTransform.reason,
    );
  return { type: 'source', ...recipe, transforms: [...recipe.transforms, mapTransform.transform] };
}

/** `FIELD`, `[FIELD, ...]` or a value recipe with `from` (and `extraKeys`). */
function compileSourceRecipe(
  spec: unknown,
  path: Path,
  extraKeys: readonly string[],
  problem: Report,
): ValueRecipe | undefined {
  if (typeof spec === 'string' || Array.isArray(spec)) {
    const from = compileFrom(spec, path, problem);
    return from === undefined ? undefined : { from, transforms: [] };
  }
  const recipe = compileValueRecipe(spec, path, extraKeys, problem, false);
  if (recipe !== undefined && recipe.from.length === 0) {
    return problem(MappingConfigErrorCode.INVALID_DEFINITION, path, 'from is required here');
  }
  return recipe;
}

function compileModifiedAt(
  spec: unknown,
  path: Path,
  problem: Report,
): (ValueRecipe & { formats: string[] }) | undefined {
  const recipe = compileSourceRecipe(spec, path, ['format'], problem);
  const format = isPlain(spec) ? spec['format'] : undefined;
  const formats =
    format === undefined ? [] : Array.isArray(format) ? (format as unknown[]) : [format];
  if (!formats.every((f): f is string => typeof f === 'string' && f !== '')) {
    return problem(
      MappingConfigErrorCode.INVALID_DEFINITION,
      [...path, 'format'],
      'format must be a date-fns pattern or a list of them, e.g. "yyyy-MM-dd HH:mm:ss"',
    );
  }
  return recipe === undefined ? undefined : { ...recipe, formats };
}

function compileFields(spec: unknown, path: Path, problem: Report): FieldRecipe[] | undefined {
  if (!isPlain(spec)) {
    return problem(
      MappingConfigErrorCode.INVALID_DEFINITION,
      path,
      'fields must map canonical fields to { from, transforms, default }',
    );
  }
  const fields: FieldRecipe[] = [];
  let failed = false;
  for (const [key, fieldSpec] of Object.entries(spec)) {
    const fieldPath = [...path, key];
    const target = parseTarget(key);
    if (!target.ok) {
      failed = true;
      problem(MappingConfigErrorCode.UNKNOWN_FIELD, fieldPath, target.reason);
      continue;
    }
    const recipe = compileValueRecipe(fieldSpec, fieldPath, [], problem);
    if (recipe === undefined) failed = true;
    else fields.push({ key, target: target.target, ...recipe });
  }
  return failed ? undefined : fields;
}

/** `{ from?, transforms?, default? }` plus the caller's `extraKeys`; `from` or a default is required. */
function compileValueRecipe(
  spec: unknown,
  path: Path,
  extraKeys: readonly string[],
  problem: Report,
  allowDefault = true,
): ValueRecipe | undefined {
  const keys = ['from', 'transforms', ...(allowDefault ? ['default'] : []), ...extraKeys];
  if (!isPlain(spec)) {
    return problem(
      MappingConfigErrorCode.INVALID_DEFINITION,
      path,
      `expected a map with ${keys.join(', ')}`,
    );
  }
  let failed = !checkKeys(spec, keys, path, problem);
  const from =
    spec['from'] === undefined ? [] : compileFrom(spec['from'], [...path, 'from'], problem);
  if (from === undefined) failed = true;
  const transforms = compileTransforms(spec['transforms'], [...path, 'transforms'], problem);
  if (transforms === undefined) failed = true;
  const fallback = spec['default'];
  if (fallback !== undefined && !isScalar(fallback)) {
    failed = true;
    problem(
      MappingConfigErrorCode.INVALID_DEFINITION,
      [...path, 'default'],
      'default must be text, a number or a boolean',
    );
  }
  if (from?.length === 0 && fallback === undefined && allowDefault) {
    failed = true;
    problem(
      MappingConfigErrorCode.INVALID_DEFINITION,
      path,
      'needs from (source fields) or default',
    );
  }
  if (failed || from === undefined || transforms === undefined) return undefined;
  return { from, transforms, ...(isScalar(fallback) && { default: String(fallback) }) };
}

function compileFrom(spec: unknown, path: Path, problem: Report): string[] | undefined {
  const list = Array.isArray(spec) ? (spec as unknown[]) : [spec];
  if (
    list.length === 0 ||
    !list.every((field): field is string => typeof field === 'string' && field.trim() !== '')
  ) {
    return problem(
      MappingConfigErrorCode.INVALID_DEFINITION,
      path,
      'from must name a source field or a list of them',
    );
  }
  return list;
}

function compileTransforms(spec: unknown, path: Path, problem: Report): Transform[] | undefined {
  if (spec === undefined) return [];
  if (!Array.isArray(spec)) {
    return problem(
      MappingConfigErrorCode.INVALID_DEFINITION,
      path,
      'transforms must be a list, e.g. [trim, upper]',
    );
  }
  const transforms: Transform[] = [];
  let failed = false;
  (spec as unknown[]).forEach((entry, index) => {
    const compiled = compileTransform(entry);
    if (compiled.ok) {
      transforms.push(compiled.transform);
    } else {
      failed = true;
      problem(MappingConfigErrorCode[compiled.code], [...path, String(index)], compiled.reason);
    }
  });
  return failed ? undefined : transforms;
}

/** Reports every key outside `allowed`; true when there is none. */
function checkKeys(spec: Plain, allowed: readonly string[], path: Path, problem: Report): boolean {
  const unknown = Object.keys(spec).filter((key) => !allowed.includes(key));
  for (const key of unknown) {
    problem(
      MappingConfigErrorCode.UNKNOWN_KEY,
      [...path, key],
      `unknown key "${key}"; expected ${allowed.join(', ')}`,
    );
  }
  return unknown.length === 0;
}

function isKind(value: string): value is CustomerKind {
  return (KINDS as readonly string[]).includes(value);
}

function isPlain(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
