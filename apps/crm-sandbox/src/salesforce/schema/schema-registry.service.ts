import { Inject, Injectable } from '@nestjs/common';
import { SalesforceApiError, SalesforceErrorCode } from '../errors/salesforce-api.error';
import {
  type CustomFieldSpec,
  type CustomObjectSpec,
  type ResolvedSalesforceOptions,
} from '../salesforce-sandbox.options';
import { SALESFORCE_OPTIONS } from '../salesforce.tokens';
import { defineField, type SObjectField, type SObjectSchema, systemFields } from './sobject-schema';
import { accountSchema, contactSchema, leadSchema } from './standard-objects';

/** The org's objects and fields, including the drift tests apply (renamed or removed fields). */
@Injectable()
export class SchemaRegistry {
  private readonly objects = new Map<string, SObjectSchema>();

  constructor(@Inject(SALESFORCE_OPTIONS) options: ResolvedSalesforceOptions) {
    for (const schema of [accountSchema(), contactSchema(), leadSchema()]) {
      schema.fields.push(...(options.customFields[schema.name] ?? []).map(customField));
      this.objects.set(schema.name.toLowerCase(), schema);
    }
    options.customObjects.forEach((spec, position) => {
      this.objects.set(spec.name.toLowerCase(), customObjectSchema(spec, position));
    });
  }

  all(): SObjectSchema[] {
    return [...this.objects.values()];
  }

  find(objectName: string): SObjectSchema | undefined {
    return this.objects.get(objectName.toLowerCase());
  }

  /** The object or Salesforce's NOT_FOUND for a REST path. */
  require(objectName: string): SObjectSchema {
    const schema = this.find(objectName);
    if (!schema) throw SalesforceApiError.notFound();
    return schema;
  }

  /** The object or INVALID_TYPE, as SOQL reports an unknown FROM. */
  requireForQuery(objectName: string): SObjectSchema {
    const schema = this.find(objectName);
    if (!schema) {
      throw SalesforceApiError.badRequest(
        SalesforceErrorCode.InvalidType,
        `sObject type '${objectName}' is not supported.`,
      );
    }
    return schema;
  }

  field(schema: SObjectSchema, fieldName: string): SObjectField | undefined {
    const wanted = fieldName.toLowerCase();
    return schema.fields.find((field) => field.name.toLowerCase() === wanted);
  }

  fieldByStorageKey(schema: SObjectSchema, storageKey: string): SObjectField | undefined {
    return schema.fields.find((field) => field.storageKey === storageKey);
  }

  renameField(objectName: string, from: string, to: string): void {
    const schema = this.require(objectName);
    const field = this.field(schema, from);
    if (!field) throw SalesforceApiError.notFound(`No field ${from} on ${schema.name}`);
    field.name = to;
  }

  removeField(objectName: string, fieldName: string): void {
    const schema = this.require(objectName);
    const field = this.field(schema, fieldName);
    if (!field) throw SalesforceApiError.notFound(`No field ${fieldName} on ${schema.name}`);
    schema.fields = schema.fields.filter((candidate) => candidate !== field);
  }
}

function customField(spec: CustomFieldSpec): SObjectField {
  return defineField({
    name: spec.name,
    type: spec.type,
    ...(spec.label ? { label: spec.label } : {}),
    externalId: spec.externalId ?? false,
    custom: true,
  });
}

function customObjectSchema(spec: CustomObjectSpec, position: number): SObjectSchema {
  const label = spec.label ?? spec.name.replace(/__c$/, '').replace(/_/g, ' ');
  return {
    name: spec.name,
    label,
    labelPlural: `${label}s`,
    keyPrefix: `a${position.toString(36).padStart(2, '0').toUpperCase()}`,
    custom: true,
    fields: [
      ...systemFields(),
      defineField({
        name: 'Name',
        type: 'string',
        label: `${label} Name`,
        length: 80,
        nameField: true,
      }),
      ...spec.fields.map(customField),
    ],
  };
}
