import { restValue } from '../data/record-projection';
import { type RecordValues } from '../data/record-values';
import { type SObjectField, type SObjectSchema } from '../schema/sobject-schema';
import { dataPath } from './api-version';

export type RestRecord = Record<string, unknown> & { attributes: { type: string; url: string } };

/** A record as REST returns it: `attributes` first, then the fields in the order asked for. */
export function toRestRecord(
  schema: SObjectSchema,
  fields: readonly SObjectField[],
  values: RecordValues,
  id: string,
  version: string,
): RestRecord {
  const record: RestRecord = {
    attributes: { type: schema.name, url: `${dataPath(version)}/sobjects/${schema.name}/${id}` },
  };
  for (const field of fields) record[field.name] = restValue(field, values, id);
  return record;
}
