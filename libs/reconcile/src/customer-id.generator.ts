import { type SourceKey } from '@crosswalk/model';
import { parse as parseUuid, v5 as uuidv5 } from 'uuid';
import { compareSourceKeys, sourceKeyId } from './support/compare';

/** Fixed namespace of customer ids: changing it would re-key every customer. */
export const CUSTOMER_ID_NAMESPACE = '81389e29-bcef-4387-9d3e-6d7f6dc5cc8e';

/** The namespace as bytes, parsed once: every new customer takes an id. */
const NAMESPACE_BYTES = parseUuid(CUSTOMER_ID_NAMESPACE);

/**
 * UUID v5 of a JSON name. JSON escapes lone surrogates, so the name's UTF-8 bytes (which Buffer
 * makes natively) are the ones uuid would derive from the string itself: ids stay the same.
 */
function customerUuid(jsonName: string): string {
  return uuidv5(Buffer.from(jsonName, 'utf8'), NAMESPACE_BYTES);
}

/**
 * Id of the golden record a source record creates: UUID v5 of the source key, so replaying
 * the same records yields the same ids. The key parts are JSON-encoded so that no two keys
 * collide however their parts contain separators.
 */
export function customerIdFor(key: SourceKey): string {
  return customerUuid(sourceKeyId(key));
}

/**
 * Id of a customer split off `originalId`: UUID v5 of the original id and the part's source
 * keys (sorted, repeats ignored), so repeating a split gives the same id. The name is a nested
 * JSON array, which no source key's name (a flat one) can equal.
 */
export function splitCustomerId(originalId: string, keys: readonly SourceKey[]): string {
  const parts = [...new Map(keys.map((key) => [sourceKeyId(key), key])).values()]
    .sort(compareSourceKeys)
    .map((key) => [key.connector, key.object, key.externalId]);
  return customerUuid(JSON.stringify(['split', originalId, parts]));
}
