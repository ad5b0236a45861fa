import { readScalar } from '../data/record-projection';
import { type FieldValue, type RecordValues } from '../data/record-values';
import { isSalesforceIdShape } from '../data/salesforce-id';
import { SalesforceApiError, SalesforceErrorCode } from '../errors/salesforce-api.error';
import { type SchemaRegistry } from '../schema/schema-registry.service';
import {
  type SObjectField,
  type SObjectFieldType,
  type SObjectSchema,
} from '../schema/sobject-schema';
import { type SoqlCondition, type SoqlLiteral, type SoqlQuery } from './soql.types';

export type RecordPredicate = (values: RecordValues, id: string) => boolean;

export interface BoundOrdering {
  readonly field: SObjectField;
  readonly descending: boolean;
  readonly nullsLast: boolean;
}

/** A query resolved against the schema: fields found, literals type-checked, WHERE compiled. */
export interface BoundQuery {
  readonly schema: SObjectSchema;
  /** undefined for SELECT COUNT(). */
  readonly fields: readonly SObjectField[] | undefined;
  readonly predicate: RecordPredicate | undefined;
  readonly orderBy: readonly BoundOrdering[];
  readonly limit: number | undefined;
}

const TEXT_TYPES: ReadonlySet<SObjectFieldType> = new Set([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
]);

export function bindSoql(query: SoqlQuery, schemas: SchemaRegistry): BoundQuery {
  const schema = schemas.requireForQuery(query.from);
  const resolve = (name: string): SObjectField => {
    const field = schemas.field(schema, name);
    if (!field) {
      throw SalesforceApiError.badRequest(
        SalesforceErrorCode.InvalidField,
        `No such column '${name}' on entity '${schema.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
      );
    }
    return field;
  };
  const fields = query.select.kind === 'count' ? undefined : query.select.fields.map(resolve);
  const orderBy = query.orderBy.map((ordering) => {
    const field = resolve(ordering.field);
    if (field.type === 'address') throw fieldRefused(field, 'can not be sorted in a query call');
    return { field, descending: ordering.descending, nullsLast: ordering.nullsLast };
  });
  return {
    schema,
    fields,
    predicate: query.where ? compile(query.where, resolve) : undefined,
    orderBy,
    limit: query.limit,
  };
}

function compile(
  condition: SoqlCondition,
  resolve: (name: string) => SObjectField,
): RecordPredicate {
  switch (condition.kind) {
    case 'and': {
      const items = condition.items.map((item) => compile(item, resolve));
      return (values, id) => items.every((item) => item(values, id));
    }
    case 'or': {
      const items = condition.items.map((item) => compile(item, resolve));
      return (values, id) => items.some((item) => item(values, id));
    }
    case 'not': {
      const item = compile(condition.item, resolve);
      return (values, id) => !item(values, id);
    }
    case 'compare': {
      const field = filterable(resolve(condition.field));
      const literal = literalFor(field, condition.value);
      const operator = condition.operator;
      if (literal === null && operator !== '=' && operator !== '!=') {
        throw SalesforceApiError.badRequest(
          SalesforceErrorCode.MalformedQuery,
          `invalid operator on null: ${operator}`,
        );
      }
      return (values, id) => {
        const actual = readScalar(field, values, id);
        if (literal === null || actual === null) {
          const equal = literal === actual;
          return operator === '=' ? equal : operator === '!=' ? !equal : false;
        }
        const order = compareValues(field, actual, literal);
        switch (operator) {
          case '=':
            return order === 0;
          case '!=':
            return order !== 0;
          case '<':
            return order < 0;
          case '<=':
            return order <= 0;
          case '>':
            return order > 0;
          case '>=':
            return order >= 0;
        }
      };
    }
    case 'in': {
      const field = filterable(resolve(condition.field));
      const literals = condition.values.map((value) => literalFor(field, value));
      const negated = condition.negated;
      return (values, id) => {
        const actual = readScalar(field, values, id);
        const found = literals.some((literal) =>
          literal === null || actual === null
            ? literal === actual
            : compareValues(field, actual, literal) === 0,
        );
        return negated ? !found : found;
      };
    }
    case 'like': {
      const field = filterable(resolve(condition.field));
      if (!TEXT_TYPES.has(field.type)) throw fieldRefused(field, 'can not be filtered with LIKE');
      const pattern = likePattern(condition.pattern);
      return (values, id) => {
        const actual = readScalar(field, values, id);
        return typeof actual === 'string' && pattern.test(actual);
      };
    }
  }
}

/** Orders two non-null values of a field the way SOQL does: text without case, ids by their 15 characters. */
export function compareValues(field: SObjectField, left: FieldValue, right: FieldValue): number {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  const a = String(left);
  const b = String(right);
  if (field.type === 'id' || field.type === 'reference') {
    const a15 = a.slice(0, 15);
    const b15 = b.slice(0, 15);
    return a15 < b15 ? -1 : a15 > b15 ? 1 : 0;
  }
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : 0;
}

function filterable(field: SObjectField): SObjectField {
  if (field.type === 'address') throw fieldRefused(field, 'can not be filtered in a query call');
  return field;
}

function fieldRefused(field: SObjectField, reason: string): SalesforceApiError {
  return SalesforceApiError.badRequest(
    SalesforceErrorCode.InvalidField,
    `field '${field.name}' ${reason}`,
  );
}

/** Checks a literal against the field type, as Salesforce refuses e.g. a quoted datetime. */
function literalFor(field: SObjectField, literal: SoqlLiteral): FieldValue {
  if (literal.kind === 'null') return null;
  const mismatch = (expected: string, quoted: boolean): SalesforceApiError =>
    SalesforceApiError.badRequest(
      SalesforceErrorCode.InvalidField,
      `value of filter criterion for field '${field.name}' must be of type ${expected} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
    );
  switch (field.type) {
    case 'datetime':
      if (literal.kind !== 'datetime') throw mismatch('dateTime', false);
      return literal.epochMs;
    case 'date':
      if (literal.kind !== 'date') throw mismatch('date', false);
      return literal.value;
    case 'boolean':
      if (literal.kind !== 'boolean') throw mismatch('boolean', false);
      return literal.value;
    case 'double':
      if (literal.kind !== 'number') throw mismatch('double', false);
      return literal.value;
    case 'id':
    case 'reference':
      if (literal.kind !== 'string') throw mismatch('id', true);
      if (!isSalesforceIdShape(literal.value)) {
        throw SalesforceApiError.badRequest(
          SalesforceErrorCode.InvalidQueryFilterOperator,
          `invalid ID field: ${literal.value}`,
        );
      }
      return literal.value;
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'picklist':
    case 'address':
      if (literal.kind !== 'string') throw mismatch('string', true);
      return literal.value;
  }
}

function likePattern(pattern: string): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}
