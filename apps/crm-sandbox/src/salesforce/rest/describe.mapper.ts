import { type SObjectField, type SObjectSchema } from '../schema/sobject-schema';
import { dataPath } from './api-version';

const SOAP_TYPES: Record<SObjectField['type'], string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  boolean: 'xsd:boolean',
  double: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  address: 'urn:address',
};

export function objectUrls(schema: SObjectSchema, version: string): Record<string, string> {
  const base = `${dataPath(version)}/sobjects/${schema.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

/** The object-level properties shared by the sobjects list and describe. */
export function describeObjectSummary(
  schema: SObjectSchema,
  version: string,
): Record<string, unknown> {
  return {
    name: schema.name,
    label: schema.label,
    labelPlural: schema.labelPlural,
    keyPrefix: schema.keyPrefix,
    custom: schema.custom,
    queryable: true,
    retrieveable: true,
    searchable: true,
    replicateable: true,
    createable: true,
    updateable: true,
    deletable: true,
    undeletable: true,
    layoutable: true,
    urls: objectUrls(schema, version),
  };
}

export function describeObject(schema: SObjectSchema, version: string): Record<string, unknown> {
  return {
    ...describeObjectSummary(schema, version),
    fields: schema.fields.map(describeField),
    childRelationships: [],
    recordTypeInfos: [],
  };
}

function describeField(field: SObjectField): Record<string, unknown> {
  const textual = [
    'string',
    'textarea',
    'email',
    'phone',
    'url',
    'picklist',
    'id',
    'reference',
  ].includes(field.type);
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: SOAP_TYPES[field.type],
    length: textual ? field.length : 0,
    byteLength: textual ? field.length * 3 : 0,
    precision: field.type === 'double' ? 18 : 0,
    scale: field.type === 'double' ? 2 : 0,
    digits: 0,
    nillable: field.nillable,
    custom: field.custom,
    calculated: field.derivedFrom !== null,
    createable: field.createable,
    updateable: field.updateable,
    filterable: field.type !== 'address',
    sortable: field.type !== 'address',
    groupable: field.type !== 'address' && field.type !== 'datetime',
    nameField: field.nameField,
    externalId: field.externalId,
    idLookup: field.type === 'id' || field.externalId,
    unique: field.type === 'id',
    defaultedOnCreate: ['id', 'boolean', 'datetime'].includes(field.type) && !field.custom,
    compoundFieldName: field.compoundFieldName,
    extraTypeInfo:
      field.type === 'address' ? null : field.type === 'textarea' ? 'plaintextarea' : null,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    picklistValues: field.picklistValues.map((value) => ({
      active: true,
      defaultValue: false,
      label: value,
      value,
      validFor: null,
    })),
    defaultValue: null,
    deprecatedAndHidden: false,
  };
}
