import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { MappingConfigError, MappingConfigErrorCode } from '../mapping-config.exception';
import { compileMapping } from './mapping.compiler';

const FILE = 'config/mappings/erp.yaml';

const valid = (): Record<string, unknown> =>
  parse(`
objects:
  customers:
    kind: organization
    externalId: CUSTNO
    fields:
      legalName: { from: NAME }
`) as Record<string, unknown>;

function errorOf(definition: unknown): MappingConfigError {
  try {
    compileMapping(definition, { file: FILE });
  } catch (error) {
    if (error instanceof MappingConfigError) return error;
    throw error;
  }
  throw new Error('compiled without error');
}

/** Replaces the node at `path` in a fresh valid definition (undefined removes it). */
function withChange(path: string[], value: unknown): Record<string, unknown> {
  const definition = valid();
  let node = definition;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1] ?? '';
  if (value === undefined) delete node[last];
  else node[last] = value;
  return definition;
}

const fields = ['objects', 'customers', 'fields'];

describe('compileMapping', () => {
  it('compiles a valid definition and lists its objects', () => {
    const compiled = compileMapping(
      parse(`
objects:
  customers: { kind: organization, externalId: CUSTNO, fields: { legalName: { from: NAME } } }
  contacts:
    kind: { from: TYPE, transforms: [trim], map: { P: person, C: organization }, default: person }
    externalId: { from: [CUSTNO, CONTACT_NO], transforms: [trim] }
    modifiedAt: { from: CHANGED_AT, format: ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"] }
    fields:
      fullName: { from: CONTACT, transforms: [trim, { null-if: ["-", "N/A"] }] }
      website: { default: "https://example.org" }
`),
      { file: FILE },
    );
    expect(compiled.objects).toEqual(['customers', 'contacts']);
    expect(compiled.file).toBe(FILE);
  });

  it('compiles the example in docs/mapping.md', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/mapping.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    expect(compileMapping(parse(example), { file: 'docs/mapping.md' }).objects).toEqual([
      'customers',
      'contacts',
    ]);
  });

  it.each<[string, unknown, MappingConfigErrorCode, string[], RegExp]>([
    [
      'a mapping to a field the model lacks',
      withChange([...fields, 'nickname'], { from: 'NICK' }),
      MappingConfigErrorCode.UNKNOWN_FIELD,
      [...fields, 'nickname'],
      /unknown canonical field "nickname"; the model has fullName/,
    ],
    [
      'an address part the model lacks',
      withChange([...fields, 'addresses[0].street'], { from: 'S' }),
      MappingConfigErrorCode.UNKNOWN_FIELD,
      [...fields, 'addresses[0].street'],
      /an address has lines, city/,
    ],
    [
      'an identifier scheme not in kebab-case',
      withChange([...fields, 'identifiers.VAT'], { from: 'V' }),
      MappingConfigErrorCode.UNKNOWN_FIELD,
      [...fields, 'identifiers.VAT'],
      /write identifiers\.vat/,
    ],
    [
      'an unknown transform',
      withChange([...fields, 'legalName'], { from: 'NAME', transforms: ['trim', 'shout'] }),
      MappingConfigErrorCode.UNKNOWN_TRANSFORM,
      [...fields, 'legalName', 'transforms', '1'],
      /unknown transform "shout"/,
    ],
    [
      'a bad transform argument',
      withChange([...fields, 'legalName'], {
        from: 'NAME',
        transforms: [{ split: { take: 'middle' } }],
      }),
      MappingConfigErrorCode.BAD_TRANSFORM_ARGUMENT,
      [...fields, 'legalName', 'transforms', '0'],
      /take must be one of/,
    ],
    [
      'a missing externalId',
      withChange(['objects', 'customers', 'externalId'], undefined),
      MappingConfigErrorCode.MISSING_EXTERNAL_ID,
      ['objects', 'customers', 'externalId'],
      /externalId is required/,
    ],
    [
      'an empty externalId list',
      withChange(['objects', 'customers', 'externalId'], []),
      MappingConfigErrorCode.INVALID_DEFINITION,
      ['objects', 'customers', 'externalId'],
      /from must name a source field/,
    ],
    [
      'an externalId object without from',
      withChange(['objects', 'customers', 'externalId'], { transforms: ['trim'] }),
      MappingConfigErrorCode.INVALID_DEFINITION,
      ['objects', 'customers', 'externalId'],
      /from is required/,
    ],
    [
      'a default on the externalId',
      withChange(['objects', 'customers', 'externalId'], { from: 'A', default: 'x' }),
      MappingConfigErrorCode.UNKNOWN_KEY,
      ['objects', 'customers', 'externalId', 'default'],
      /unknown key "default"; expected from, transforms/,
    ],
    [
      'a missing kind',
      withChange(['objects', 'customers', 'kind'], undefined),
      MappingConfigErrorCode.MISSING_KIND,
      ['objects', 'customers', 'kind'],
      /kind is required/,
    ],
    [
      'a kind the model lacks',
      withChange(['objects', 'customers', 'kind'], 'company'),
      MappingConfigErrorCode.INVALID_DEFINITION,
      ['objects', 'customers', 'kind'],
      /"company" is not a kind/,
    ],
    [
      'a kind map to a kind the model lacks',
      withChange(['objects', 'customers', 'kind'], { from: 'T', map: { C: 'company' } }),
      MappingConfigErrorCode.BAD_TRANSFORM_ARGUMENT,
      ['objects', 'customers', 'kind', 'map', 'C'],
      /"company" is not person or organization/,
    ],
    [
      'a bad default kind',
      withChange(['objects', 'customers', 'kind'], { from: 'T', default: 'robot' }),
      MappingConfigErrorCode.INVALID_DEFINITION,
      ['objects', 'customers', 'kind', 'default'],
      /default kind must be/,
    ],
    [
      'a kind object without from',
      withChange(['objects', 'customers', 'kind'], {
        map: { C: 'organization' },
        default: 'person',
      }),
      MappingConfigErrorCode.INVALID_DEFINITION,
      ['objects', 'customers', 'kind'],
      /needs from/,
    ],
    [
      'a typo in a field key',
      withChange([...fields, 'legalName'], { form: 'NAME' }),
      MappingConfigErrorCode.UNKNOWN_KEY,
      [...fields, 'legalName', 'form'],
      /unknown key "form"; expected from, transforms, default/,
    ],
    [
      'a field without from or default',
      withChange([...fields, 'legalName'], { transforms: ['trim'] }),
      MappingConfigErrorCode.INVALID_DEFINITION,
      [...fields, 'legalName'],
      /needs from \(source fields\) or default/,
    ],
    [
      'a field that is not a map',
      withChange([...fields, 'legalName'], 'NAME'),
      MappingConfigErrorCode.INVALID_DEFINITION,
      [...fields, 'legalName'],
      /expected a map with from, transforms, default/,
    ],
    [
      'a non-text from',
      withChange([...fields, 'legalName'], { from: [1] }),
      MappingConfigErrorCode.INVALID_DEFINITION,
      [...fields, 'legalName', 'from'],
      /from must name a source field/,
    ],
    [
      'transforms that are not a list',
      withChange([...fields, 'legalName'], { from: 'N', transforms: 'trim' }),
      MappingConfigErrorCode.INVALID_DEFINITION,
      [...fields, 'legalName', 'transforms'],
      /transforms must be a list/,
    ],
    [
      'a default that is not a scalar',
      withChange([...fields, 'legalName'], { default: ['a'] }),
      MappingConfigErrorCode.INVALID_DEFINITION,
      [...fields, 'legalName', 'default'],
      /default must be text/,
    ],
    [
      'a bad modifiedAt format',
      withChange(['objects', 'customers', 'modifiedAt'], { from: 'CHANGED', format: 5 }),
      MappingConfigErrorCode.INVALID_DEFINITION,
      ['objects', 'customers', 'modifiedAt', 'format'],
      /date-fns pattern/,
    ],
    [
      'an unknown object key',
      withChange(['objects', 'customers', 'field'], {}),
      MappingConfigErrorCode.UNKNOWN_KEY,
      ['objects', 'customers', 'field'],
      /unknown key "field"; expected kind, externalId, modifiedAt, fields/,
    ],
    [
      'missing fields',
      withChange(['objects', 'customers', 'fields'], undefined),
      MappingConfigErrorCode.INVALID_DEFINITION,
      fields,
      /fields must map canonical fields/,
    ],
    [
      'an object that is a list',
      withChange(['objects', 'customers'], []),
      MappingConfigErrorCode.INVALID_DEFINITION,
      ['objects', 'customers'],
      /an object mapping is a map/,
    ],
    [
      'no objects',
      { objects: {} },
      MappingConfigErrorCode.INVALID_DEFINITION,
      ['objects'],
      /objects must map each source object/,
    ],
    [
      'an unknown top-level key',
      { ...valid(), mappings: {} },
      MappingConfigErrorCode.UNKNOWN_KEY,
      ['mappings'],
      /unknown key "mappings"; expected objects/,
    ],
    [
      'an empty file',
      null,
      MappingConfigErrorCode.INVALID_DEFINITION,
      [],
      /a mapping file is a map with the key "objects"/,
    ],
  ])('refuses %s', (_name, definition, code, path, reason) => {
    const error = errorOf(definition);
    expect(error.code).toBe(code);
    expect(error.details.path).toEqual(path);
    expect(error.details.file).toBe(FILE);
    expect(error.details.reason).toMatch(reason);
    const shownPath = path.length === 0 ? '(root)' : path.join('.');
    expect(error.message.startsWith(`${FILE}: ${shownPath}: `)).toBe(true);
  });

  it('names a mapping to a field the model lacks by file and key path', () => {
    const error = errorOf(withChange([...fields, 'nickname'], { from: 'NICK' }));
    expect(error.message).toMatch(
      /^config\/mappings\/erp\.yaml: objects\.customers\.fields\.nickname: unknown canonical field "nickname"/,
    );
  });

  it('reports every problem in the file at once', () => {
    const definition = parse(`
objects:
  customers:
    kind: organization
    fields:
      nickname: { from: NICK }
      legalName: { from: NAME, transforms: [shout] }
`) as unknown;
    const error = errorOf(definition);
    expect(error.details.problems.map((p) => [p.code, p.path.join('.')])).toEqual([
      [MappingConfigErrorCode.MISSING_EXTERNAL_ID, 'objects.customers.externalId'],
      [MappingConfigErrorCode.UNKNOWN_FIELD, 'objects.customers.fields.nickname'],
      [MappingConfigErrorCode.UNKNOWN_TRANSFORM, 'objects.customers.fields.legalName.transforms.0'],
    ]);
    expect(error.message).toMatch(/\(and 2 more problems\)$/);
  });
});
