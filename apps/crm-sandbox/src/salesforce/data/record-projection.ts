import { ADDRESS_COMPONENTS, type SObjectField } from '../schema/sobject-schema';
import { formatCsvDateTime, formatRestDateTime } from './salesforce-datetime';
import { type FieldValue, type RecordValues } from './record-values';

export interface AddressValue {
  street: FieldValue;
  city: FieldValue;
  state: FieldValue;
  postalCode: FieldValue;
  country: FieldValue;
  geocodeAccuracy: null;
  latitude: null;
  longitude: null;
}

/** A field's value for comparison and sorting (compound fields read their components). */
export function readScalar(field: SObjectField, values: RecordValues, id: string): FieldValue {
  if (field.type === 'id') return id;
  if (field.derivedFrom) {
    const parts = field.derivedFrom.map((key) => values[key]).filter((part) => part !== null && part !== undefined);
    return parts.length > 0 ? parts.map(String).join(' ') : null;
  }
  return values[field.storageKey] ?? null;
}

function readAddress(field: SObjectField, values: RecordValues): AddressValue | null {
  const keys = field.addressComponents;
  if (!keys) return null;
  const parts = ADDRESS_COMPONENTS.map((part) => values[keys[part]] ?? null);
  if (parts.every((part) => part === null)) return null;
  const [street, city, state, postalCode, country] = parts;
  return {
    street: street ?? null,
    city: city ?? null,
    state: state ?? null,
    postalCode: postalCode ?? null,
    country: country ?? null,
    geocodeAccuracy: null,
    latitude: null,
    longitude: null,
  };
}

/** The JSON value REST returns for a field. */
export function restValue(field: SObjectField, values: RecordValues, id: string): FieldValue | AddressValue {
  if (field.type === 'address') return readAddress(field, values);
  const value = readScalar(field, values, id);
  if (field.type === 'datetime' && typeof value === 'number') return formatRestDateTime(value);
  return value;
}

/** The Bulk API 2.0 CSV cell for a field: empty for null, RFC 4180 quoting. */
export function csvCell(field: SObjectField, values: RecordValues, id: string): string {
  const value = readScalar(field, values, id);
  if (value === null) return '';
  const text = field.type === 'datetime' && typeof value === 'number' ? formatCsvDateTime(value) : String(value);
  return quoteCsv(text);
}

export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
