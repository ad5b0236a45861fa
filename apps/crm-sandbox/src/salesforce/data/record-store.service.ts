import { Inject, Injectable } from '@nestjs/common';
import { type SandboxClock } from '../../common/sandbox-clock';
import { SalesforceApiError, SalesforceErrorCode } from '../errors/salesforce-api.error';
import { type ResolvedSalesforceOptions } from '../salesforce-sandbox.options';
import { SALESFORCE_OPTIONS, SANDBOX_CLOCK } from '../salesforce.tokens';
import { SchemaRegistry } from '../schema/schema-registry.service';
import { type SObjectSchema } from '../schema/sobject-schema';
import { RecordGenerator } from './record-generator';
import { type FieldValue, type RecordValues } from './record-values';
import { indexFromId, salesforceId } from './salesforce-id';

interface Table {
  readonly schema: SObjectSchema;
  /** Indexes below this are generated on demand unless materialised. */
  readonly generatedCount: number;
  size: number;
  /** Records that were written (or included verbatim): these win over generation. */
  readonly materialised: Map<number, RecordValues>;
  readonly deletions: Array<{ index: number; deletedDate: number }>;
}

export interface DeletedRecordEntry {
  readonly id: string;
  readonly deletedDate: number;
}

/**
 * The org's records. Generated records live nowhere until a write materialises them, so an org
 * of 200k records costs little memory; timestamps of generated records rise with the index and
 * come in tie groups.
 */
@Injectable()
export class RecordStore {
  private readonly tables = new Map<string, Table>();
  private readonly generator: RecordGenerator;
  private readonly stampBase: number;

  constructor(
    @Inject(SALESFORCE_OPTIONS) private readonly options: ResolvedSalesforceOptions,
    @Inject(SANDBOX_CLOCK) private readonly clock: SandboxClock,
    private readonly schemas: SchemaRegistry,
  ) {
    const counts = new Map<string, number>();
    for (const schema of schemas.all()) {
      const custom = options.customObjects.find((spec) => spec.name === schema.name);
      counts.set(schema.name, custom ? custom.count : (options.records[schema.name] ?? 0));
    }
    const longest = Math.max(0, ...[...counts.entries()].map(([name, count]) => count + this.verbatimFor(name).length));
    // generated history ends a minute before "now" so writes made by tests always sort after it
    this.stampBase =
      Math.floor(clock.nowMs() / 1000) * 1000 - (Math.ceil(longest / options.tieGroupSize) + 60) * 1000;
    const account = schemas.find('Account');
    const accountCount = counts.get('Account') ?? 0;
    this.generator = new RecordGenerator(options, accountCount, (index) =>
      salesforceId(account?.keyPrefix ?? '001', index),
    );
    for (const schema of schemas.all()) {
      const generatedCount = counts.get(schema.name) ?? 0;
      const table: Table = { schema, generatedCount, size: generatedCount, materialised: new Map(), deletions: [] };
      this.tables.set(schema.name, table);
      for (const seed of this.verbatimFor(schema.name)) {
        const index = table.size++;
        const stamp = this.generatedStamp(index);
        table.materialised.set(index, {
          IsDeleted: false,
          CreatedDate: stamp,
          LastModifiedDate: stamp,
          SystemModstamp: stamp,
          ...this.toStorage(schema, seed),
        });
      }
    }
  }

  size(schema: SObjectSchema): number {
    return this.table(schema).size;
  }

  idAt(schema: SObjectSchema, index: number): string {
    return salesforceId(schema.keyPrefix, index);
  }

  indexOf(schema: SObjectSchema, id: string): number | undefined {
    const index = indexFromId(schema.keyPrefix, id);
    return index !== undefined && index < this.table(schema).size ? index : undefined;
  }

  values(schema: SObjectSchema, index: number): RecordValues {
    const table = this.table(schema);
    const stored = table.materialised.get(index);
    if (stored) return stored;
    const stamp = this.generatedStamp(index);
    return this.generator.generate(
      schema,
      index,
      RecordGenerator.timestamps(this.options.seed, schema.name, index, stamp),
    );
  }

  create(schema: SObjectSchema, values: RecordValues): string {
    const table = this.table(schema);
    const now = this.clock.nowMs();
    const index = table.size++;
    table.materialised.set(index, {
      ...Object.fromEntries(schema.fields.filter((f) => f.type !== 'address').map((f) => [f.storageKey, null])),
      ...values,
      IsDeleted: false,
      CreatedDate: now,
      LastModifiedDate: now,
      SystemModstamp: now,
    });
    return this.idAt(schema, index);
  }

  update(schema: SObjectSchema, index: number, changes: RecordValues): void {
    const current = this.liveValues(schema, index);
    const now = this.clock.nowMs();
    this.table(schema).materialised.set(index, {
      ...current,
      ...changes,
      LastModifiedDate: now,
      SystemModstamp: now,
    });
  }

  delete(schema: SObjectSchema, index: number): void {
    const current = this.liveValues(schema, index);
    const now = this.clock.nowMs();
    const table = this.table(schema);
    table.materialised.set(index, { ...current, IsDeleted: true, LastModifiedDate: now, SystemModstamp: now });
    table.deletions.push({ index, deletedDate: now });
  }

  /** Deletions logged in [startMs, endMs). */
  deletedBetween(schema: SObjectSchema, startMs: number, endMs: number): DeletedRecordEntry[] {
    return this.table(schema)
      .deletions.filter((entry) => entry.deletedDate >= startMs && entry.deletedDate < endMs)
      .filter((entry) => this.values(schema, entry.index).IsDeleted === true)
      .map((entry) => ({ id: this.idAt(schema, entry.index), deletedDate: entry.deletedDate }));
  }

  /** Converts API field names to storage keys, refusing what the schema does not have. */
  toStorage(schema: SObjectSchema, fields: Record<string, FieldValue>): RecordValues {
    const values: RecordValues = {};
    for (const [name, value] of Object.entries(fields)) {
      const field = this.schemas.field(schema, name);
      if (!field) {
        throw SalesforceApiError.badRequest(
          SalesforceErrorCode.InvalidField,
          `No such column '${name}' on sobject of type ${schema.name}`,
        );
      }
      values[field.storageKey] = field.type === 'datetime' && typeof value === 'string' ? parseDateTime(name, value) : value;
    }
    return values;
  }

  private liveValues(schema: SObjectSchema, index: number): RecordValues {
    const current = this.values(schema, index);
    if (current.IsDeleted === true) {
      throw new SalesforceApiError(404, SalesforceErrorCode.EntityIsDeleted, 'entity is deleted');
    }
    return current;
  }

  private generatedStamp(index: number): number {
    return this.stampBase + Math.floor(index / this.options.tieGroupSize) * 1000;
  }

  private verbatimFor(objectName: string): Array<Record<string, FieldValue>> {
    return this.options.includeRecords
      .filter((record) => record.object.toLowerCase() === objectName.toLowerCase())
      .map((record) => record.fields);
  }

  private table(schema: SObjectSchema): Table {
    const table = this.tables.get(schema.name);
    if (!table) throw SalesforceApiError.notFound();
    return table;
  }
}

function parseDateTime(fieldName: string, text: string): number {
  const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) {
    throw SalesforceApiError.badRequest(
      SalesforceErrorCode.JsonParserError,
      `Cannot deserialize instance of datetime from VALUE_STRING value ${text}`,
      [fieldName],
    );
  }
  return ms;
}
