import { type ConnectorFactory } from '@crosswalk/connectors';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { ConnectorEntryDto } from '../dto/connector-entry.dto';
import { CrosswalkConfigDto } from '../dto/crosswalk-config.dto';

type JsonSchema = { [key: string]: unknown };
type DtoClass = new () => object;

const DEFINITIONS = '#/definitions/';

/**
 * JSON Schema (draft-07) of crosswalk.yaml for editors, built from the DTO classes. With
 * connector factories, `type` is limited to their types and `options` is checked against
 * the matching factory's options class.
 */
export function buildConfigJsonSchema(factories: readonly ConnectorFactory[] = []): JsonSchema {
  const all = validationMetadatasToSchemas({
    refPointerPrefix: DEFINITIONS,
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, JsonSchema>;
  const roots = [CrosswalkConfigDto.name, ...factories.map((factory) => factory.optionsClass.name)];
  const definitions = reachable(all, roots);
  applyDefaults(definitions, [
    CrosswalkConfigDto,
    ...factories.map((factory) => factory.optionsClass),
  ]);
  // the loader validates with forbidNonWhitelisted: an unknown key is an error everywhere
  for (const definition of Object.values(definitions)) definition['additionalProperties'] ??= false;
  dropDanglingRefs(definitions, definitions);

  const entry = definitions[ConnectorEntryDto.name];
  if (entry && factories.length > 0) {
    const properties = entry['properties'] as Record<string, JsonSchema>;
    const types = factories.map((factory) => factory.type).sort();
    properties['type'] = { ...properties['type'], enum: types };
    entry['allOf'] = [...factories]
      .sort((a, b) => a.type.localeCompare(b.type))
      .map((factory) => ({
        if: { properties: { type: { const: factory.type } }, required: ['type'] },
        then: { properties: { options: { $ref: DEFINITIONS + factory.optionsClass.name } } },
      }));
  }
  const { title, ...root } = definitions[CrosswalkConfigDto.name] ?? {};
  delete definitions[CrosswalkConfigDto.name];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://crosswalk.local/schema/crosswalk.schema.json',
    title,
    description:
      'config/crosswalk.yaml. Secrets only as ${env:NAME} or ${file:PATH}; relative paths ' +
      'resolve from the config file.',
    ...root,
    definitions,
  };
}

/**
 * A property with an initial value is optional and takes that value: the schema says so
 * (class-validator-jsonschema marks every property without @IsOptional as required).
 */
function applyDefaults(definitions: Record<string, JsonSchema>, roots: readonly DtoClass[]): void {
  const visited = new Set<DtoClass>();
  const visit = (target: DtoClass): void => {
    const definition = definitions[target.name];
    if (visited.has(target) || definition === undefined) return;
    visited.add(target);
    const instance = new target() as Record<string, unknown>;
    const properties = (definition['properties'] ?? {}) as Record<string, JsonSchema>;
    for (const [name, property] of Object.entries(properties)) {
      const value = instance[name];
      if (value !== undefined) {
        if (isJsonLiteral(value)) property['default'] = value;
        const required = (definition['required'] ?? []) as string[];
        definition['required'] = required.filter((key) => key !== name);
      }
      const nested = defaultMetadataStorage.findTypeMetadata(target, name)?.typeFunction();
      if (typeof nested === 'function') visit(nested as DtoClass);
    }
    if ((definition['required'] as string[] | undefined)?.length === 0)
      delete definition['required'];
  };
  roots.forEach(visit);
}

function isJsonLiteral(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isJsonLiteral);
  return ['string', 'number', 'boolean'].includes(typeof value);
}

/**
 * A custom validator on an array or a plain object comes out as `$ref: Array` (or Object);
 * the other keywords of that property already describe it.
 */
function dropDanglingRefs(node: unknown, definitions: Record<string, JsonSchema>): void {
  if (Array.isArray(node)) {
    node.forEach((item) => dropDanglingRefs(item, definitions));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as JsonSchema;
  const ref = schema['$ref'];
  if (typeof ref === 'string' && ref.startsWith(DEFINITIONS)) {
    if (definitions[ref.slice(DEFINITIONS.length)] === undefined) delete schema['$ref'];
  }
  Object.values(schema).forEach((value) => dropDanglingRefs(value, definitions));
}

/** The definitions `roots` refer to, directly or not, sorted by name for a stable file. */
function reachable(all: Record<string, JsonSchema>, roots: string[]): Record<string, JsonSchema> {
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop();
    if (name === undefined || seen.has(name) || all[name] === undefined) continue;
    seen.add(name);
    for (const ref of JSON.stringify(all[name]).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) {
      if (ref[1] !== undefined) pending.push(ref[1]);
    }
  }
  return Object.fromEntries(
    [...seen].sort().map((name) => [name, structuredClone(all[name]) as JsonSchema]),
  );
}
