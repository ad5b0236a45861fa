import {
  type CustomerFacts,
  type CustomerFactsInput,
  type FieldIssue,
  type Identifier,
  ISSUE_SEVERITY,
  normaliseFacts,
  normaliseTimestamp,
  type PostalAddressInput,
  ValidationCode,
} from '@crosswalk/model';
import { MappingIssueCode, type MappingIssue } from '../mapping-issue';
import { readSourceFields, type SourceValue } from '../source/source-value';
import { type ObjectRecipe, type ValueRecipe } from './compiled-object';

export interface ApplyOptions {
  /** Region for phone numbers written without a country prefix (ISO 3166-1 alpha-2). */
  defaultRegion: string;
}

export type MappingResult =
  | {
      ok: true;
      externalId: string;
      facts: CustomerFacts;
      /** ISO 8601 UTC instant, when the mapping declares modifiedAt and the record has one. */
      modifiedAt?: string;
      /** Values left out of the facts (an unknown country, an impossible birth date...). */
      warnings: MappingIssue[];
    }
  | { ok: false; issues: MappingIssue[] };

/** Where a value in the draft facts came from, to name it in issues. */
interface Origin {
  field: string;
  sources: readonly string[];
}

const COMPOSITE_ID_SEPARATOR = ':';

/** The fields any one of which satisfies the model's name requirement, by the field it reports. */
const NAME_GROUPS: Readonly<Record<string, readonly string[]>> = {
  fullName: ['fullName', 'givenName', 'familyName'],
  legalName: ['legalName', 'tradingName'],
};

/** One connector's compiled mapping: raw source payloads in, normalised customer facts out. */
export class CompiledMapping {
  /** Names of the source objects this mapping covers. */
  readonly objects: readonly string[];
  private readonly recipes: ReadonlyMap<string, ObjectRecipe>;

  constructor(
    /** The mapping file, as named in messages. */
    readonly file: string,
    recipes: readonly ObjectRecipe[],
  ) {
    this.recipes = new Map(recipes.map((recipe) => [recipe.name, recipe]));
    this.objects = recipes.map((recipe) => recipe.name);
  }

  /**
   * Maps one source record of `object`: reads the source fields, runs the transforms, then the
   * model's normalisers. Any issue of severity error makes the result `ok: false`; the payload
   * itself is not changed, so the caller keeps it whole in the replica or quarantine.
   */
  apply(object: string, payload: Record<string, unknown>, options: ApplyOptions): MappingResult {
    const recipe = this.recipes.get(object);
    if (recipe === undefined) {
      return {
        ok: false,
        issues: [
          {
            code: MappingIssueCode.UNMAPPED_OBJECT,
            severity: 'error',
            field: '',
            sourceFields: [],
            value: object,
            message: `${this.file} has no mapping for object "${object}" (mapped: ${this.objects.join(', ')})`,
          },
        ],
      };
    }
    return new RecordMapping(recipe, payload).run(options);
  }

  toJSON(): { file: string; objects: readonly string[] } {
    return { file: this.file, objects: this.objects };
  }
}

/** The state of mapping one record. */
class RecordMapping {
  private readonly issues: MappingIssue[] = [];
  private readonly origins = new Map<string, Origin>();
  /** Declared source fields per draft path, for issues about a value that is missing. */
  private readonly declared = new Map<string, Origin>();

  constructor(
    private readonly recipe: ObjectRecipe,
    private readonly payload: Record<string, unknown>,
  ) {}

  run(options: ApplyOptions): MappingResult {
    const externalId = this.externalId();
    const modifiedAt = this.modifiedAt();
    const draft = this.draft();
    const normalised = normaliseFacts(draft, options);
    for (const issue of normalised.issues) this.issues.push(this.fromFieldIssue(issue));

    if (this.issues.some((issue) => issue.severity === 'error') || externalId === undefined) {
      return { ok: false, issues: this.issues };
    }
    return {
      ok: true,
      externalId,
      facts: normalised.facts,
      ...(modifiedAt !== undefined && { modifiedAt }),
      warnings: this.issues,
    };
  }

  private externalId(): string | undefined {
    const { from } = this.recipe.externalId;
    const parts: string[] = [];
    for (const field of from) {
      const [value] = this.values('externalId', { ...this.recipe.externalId, from: [field] });
      const text = value?.text.trim();
      if (!text) {
        this.report(
          ValidationCode.MISSING_REQUIRED,
          'externalId',
          [field],
          this.payload[field],
          `source field ${field} has no value for the external id`,
        );
        return undefined;
      }
      parts.push(text);
    }
    return parts.join(COMPOSITE_ID_SEPARATOR);
  }

  private modifiedAt(): string | undefined {
    const spec = this.recipe.modifiedAt;
    if (spec === undefined) return undefined;
    const [value] = this.values('modifiedAt', spec);
    if (value === undefined) return undefined;
    const result = normaliseTimestamp(
      value.instant ?? value.text,
      value.instant ? [] : spec.formats,
    );
    if (result.ok) return result.value;
    this.report(
      ValidationCode.INVALID_TIMESTAMP,
      'modifiedAt',
      value.sources,
      value.text,
      result.reason,
    );
    return undefined;
  }

  /** The facts as the mapping states them, before normalisation. */
  private draft(): CustomerFactsInput {
    const draft: CustomerFactsInput = {};
    const kind = this.recipe.kind;
    if (kind.type === 'constant') {
      draft.kind = kind.kind;
    } else {
      this.declare('kind', 'kind', kind.from);
      const [value] = this.values('kind', kind);
      if (value !== undefined) draft.kind = this.placed('kind', 'kind', value);
    }

    // Addresses are numbered in the mapping; the facts list them in that order, without gaps.
    const addresses = new Map<
      number,
      { address: PostalAddressInput; origins: [string, Origin][] }
    >();
    const identifiers: Identifier[] = [];
    const organizationIdentifiers: Identifier[] = [];

    for (const field of this.recipe.fields) {
      const values = this.values(field.key, field);
      // Several values for a single-valued target: the first wins (a coalesce of the sources).
      const [first] = values;
      const { target } = field;
      switch (target.type) {
        case 'text':
          this.declare(target.field, field.key, field.from);
          if (first) draft[target.field] = this.placed(target.field, field.key, first);
          break;
        case 'list': {
          const list = (draft[target.field] ??= []);
          for (const value of values)
            list.push(this.placed(`${target.field}[${list.length}]`, field.key, value));
          break;
        }
        case 'address': {
          let slot = addresses.get(target.index);
          if (slot === undefined)
            addresses.set(target.index, (slot = { address: {}, origins: [] }));
          if (target.part === 'lines') {
            if (values.length > 0) slot.address.lines = values.map((value) => value.text);
          } else if (first) {
            slot.address[target.part] = first.text;
            slot.origins.push([target.part, { field: field.key, sources: first.sources }]);
          }
          break;
        }
        case 'identifier':
          if (first)
            this.addIdentifier(identifiers, 'identifiers', target.scheme, field.key, first);
          break;
        case 'organization-name':
          this.declare('organization.name', field.key, field.from);
          if (first) {
            draft.organization ??= {};
            draft.organization.name = this.placed('organization.name', field.key, first);
          }
          break;
        case 'organization-identifier':
          if (first) {
            this.addIdentifier(
              organizationIdentifiers,
              'organization.identifiers',
              target.scheme,
              field.key,
              first,
            );
          }
          break;
        default: {
          const unreachable: never = target;
          throw new TypeError(`unhandled target ${JSON.stringify(unreachable)}`);
        }
      }
    }

    const slots = [...addresses.keys()].sort((a, b) => a - b);
    if (slots.length > 0) draft.addresses = [];
    slots.forEach((index, position) => {
      const slot = addresses.get(index);
      if (slot === undefined) return;
      draft.addresses?.push(slot.address);
      for (const [part, origin] of slot.origins)
        this.origins.set(`addresses[${position}].${part}`, origin);
    });
    if (identifiers.length > 0) draft.identifiers = identifiers;
    if (organizationIdentifiers.length > 0) {
      draft.organization ??= {};
      draft.organization.identifiers = organizationIdentifiers;
    }
    return draft;
  }

  private addIdentifier(
    list: Identifier[],
    path: string,
    scheme: string,
    key: string,
    value: SourceValue,
  ): void {
    list.push({ scheme, value: this.placed(`${path}[${list.length}]`, key, value) });
  }

  /** Remembers where the value at `path` of the draft came from, and returns its text. */
  private placed(path: string, key: string, value: SourceValue): string {
    this.origins.set(path, { field: key, sources: value.sources });
    return value.text;
  }

  private declare(path: string, key: string, from: readonly string[]): void {
    this.declared.set(path, { field: key, sources: from });
  }

  /** Reads, transforms and defaults one recipe's values; transform failures become issues. */
  private values(key: string, recipe: ValueRecipe): SourceValue[] {
    const read = readSourceFields(this.payload, recipe.from);
    if (!read.ok) {
      this.report(
        MappingIssueCode.UNSUPPORTED_VALUE,
        key,
        [read.field],
        read.value,
        `source field ${read.field} holds a nested value; map one of its members as ${read.field}.<member>`,
      );
      return [];
    }
    let values = read.values;
    for (const transform of recipe.transforms) {
      const outcome = transform(values);
      for (const issue of outcome.issues) {
        this.report(issue.code, key, issue.value.sources, issue.value.text, issue.message);
      }
      values = outcome.values;
    }
    values = values.filter((value) => value.text.trim() !== '');
    if (values.length === 0 && recipe.default !== undefined) {
      values = [{ text: recipe.default, sources: [] }];
    }
    return values;
  }

  private fromFieldIssue(issue: FieldIssue): MappingIssue {
    const origin = this.origins.get(issue.field) ?? this.declaredFor(issue);
    const sourceFields = [...(origin?.sources ?? [])];
    // A missing value is best shown as what the source fields held (empty, "N/A"...).
    const value =
      issue.code === ValidationCode.MISSING_REQUIRED && sourceFields.length > 0
        ? Object.fromEntries(sourceFields.map((field) => [field, this.payload[field] ?? null]))
        : issue.value;
    return {
      code: issue.code,
      severity: issue.severity,
      field: origin?.field ?? issue.field,
      sourceFields,
      value,
      message: issue.message,
    };
  }

  /** For a missing name, every mapped name field of the kind; otherwise the field's own declaration. */
  private declaredFor(issue: FieldIssue): Origin | undefined {
    const group = NAME_GROUPS[issue.field];
    if (issue.code !== ValidationCode.MISSING_REQUIRED || group === undefined)
      return this.declared.get(issue.field);
    const origins = group.flatMap((path) => this.declared.get(path) ?? []);
    if (origins.length === 0) return undefined;
    return {
      field: origins.map((origin) => origin.field).join(', '),
      sources: [...new Set(origins.flatMap((origin) => origin.sources))],
    };
  }

  private report(
    code: ValidationCode | MappingIssueCode,
    field: string,
    sources: readonly string[],
    value: unknown,
    message: string,
  ): void {
    const severity =
      code === MappingIssueCode.UNSUPPORTED_VALUE || code === MappingIssueCode.UNMAPPED_OBJECT
        ? 'error'
        : ISSUE_SEVERITY[code];
    this.issues.push({ code, severity, field, sourceFields: [...sources], value, message });
  }
}
