import { Injectable } from '@nestjs/common';
import { RecordStore } from '../data/record-store.service';
import { type FieldValue } from '../data/record-values';
import { SalesforceApiError, SalesforceErrorCode } from '../errors/salesforce-api.error';
import { SchemaRegistry } from '../schema/schema-registry.service';
import { type SObjectSchema } from '../schema/sobject-schema';
import { describeObject, describeObjectSummary } from './describe.mapper';
import { type RestRecord, toRestRecord } from './sobject-record.mapper';

export interface SaveResult {
  id: string;
  success: true;
  errors: [];
}

/** sObject resources: list, describe, and record create / read / update / delete. */
@Injectable()
export class SObjectsService {
  constructor(
    private readonly schemas: SchemaRegistry,
    private readonly store: RecordStore,
  ) {}

  list(version: string): Record<string, unknown> {
    return {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: this.schemas.all().map((schema) => describeObjectSummary(schema, version)),
    };
  }

  info(objectName: string, version: string): Record<string, unknown> {
    return {
      objectDescribe: describeObjectSummary(this.schemas.require(objectName), version),
      recentItems: [],
    };
  }

  describe(objectName: string, version: string): Record<string, unknown> {
    return describeObject(this.schemas.require(objectName), version);
  }

  read(objectName: string, id: string, version: string, fieldList?: string): RestRecord {
    const schema = this.schemas.require(objectName);
    const index = this.liveIndex(schema, id);
    const fields = fieldList
      ? fieldList.split(',').map((name) => {
          const field = this.schemas.field(schema, name.trim());
          if (!field) {
            throw SalesforceApiError.badRequest(
              SalesforceErrorCode.InvalidField,
              `No such column '${name.trim()}' on sobject of type ${schema.name}`,
            );
          }
          return field;
        })
      : schema.fields;
    return toRestRecord(
      schema,
      fields,
      this.store.values(schema, index),
      this.store.idAt(schema, index),
      version,
    );
  }

  create(objectName: string, body: unknown): SaveResult {
    const schema = this.schemas.require(objectName);
    const values = this.writableValues(schema, body, 'create');
    const missing = schema.fields
      .filter(
        (field) =>
          !field.nillable && field.createable && (values[field.storageKey] ?? null) === null,
      )
      .filter((field) => field.type !== 'boolean')
      .map((field) => field.name);
    if (missing.length > 0) {
      throw SalesforceApiError.badRequest(
        SalesforceErrorCode.RequiredFieldMissing,
        `Required fields are missing: [${missing.join(', ')}]`,
        missing,
      );
    }
    return { id: this.store.create(schema, values), success: true, errors: [] };
  }

  update(objectName: string, id: string, body: unknown): void {
    const schema = this.schemas.require(objectName);
    const index = this.liveIndex(schema, id, true);
    this.store.update(schema, index, this.writableValues(schema, body, 'update'));
  }

  delete(objectName: string, id: string): void {
    const schema = this.schemas.require(objectName);
    this.store.delete(schema, this.liveIndex(schema, id, true));
  }

  private liveIndex(schema: SObjectSchema, id: string, forWrite = false): number {
    const index = this.store.indexOf(schema, id);
    if (index === undefined) throw SalesforceApiError.notFound();
    if (this.store.values(schema, index).IsDeleted === true) {
      throw forWrite
        ? new SalesforceApiError(404, SalesforceErrorCode.EntityIsDeleted, 'entity is deleted')
        : SalesforceApiError.notFound();
    }
    return index;
  }

  private writableValues(
    schema: SObjectSchema,
    body: unknown,
    mode: 'create' | 'update',
  ): Record<string, FieldValue> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw SalesforceApiError.badRequest(
        SalesforceErrorCode.JsonParserError,
        'The request body must be a JSON object',
      );
    }
    const fields: Record<string, FieldValue> = {};
    const refused: string[] = [];
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
      if (name === 'attributes') continue;
      const field = this.schemas.field(schema, name);
      if (field && !(mode === 'create' ? field.createable : field.updateable))
        refused.push(field.name);
      if (value !== null && typeof value === 'object') {
        throw SalesforceApiError.badRequest(
          SalesforceErrorCode.JsonParserError,
          `Cannot deserialize value of ${name}`,
          [name],
        );
      }
      fields[name] = value as FieldValue;
    }
    if (refused.length > 0) {
      throw SalesforceApiError.badRequest(
        SalesforceErrorCode.InvalidFieldForInsertUpdate,
        `Unable to create/update fields: ${refused.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        refused,
      );
    }
    return this.store.toStorage(schema, fields);
  }
}
