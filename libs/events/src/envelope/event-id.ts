import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

/** Fixed namespace of every Crosswalk event id: changing it would change every id ever issued. */
export const CROSSWALK_EVENT_ID_NAMESPACE = 'a83182d9-c9b8-4723-b685-e2e2e3e4a0b3';

/** The namespace as bytes, parsed once: every message of a page takes an id. */
const NAMESPACE_BYTES = parseUuid(CROSSWALK_EVENT_ID_NAMESPACE);

/**
 * A UUID v5 over the parts: the same parts always give the same id, so a page re-run after a
 * crash republishes identical ids and consumers can drop the duplicates.
 */
export function deterministicEventId(...parts: readonly (string | number)[]): string {
  // JSON keeps part boundaries unambiguous whatever characters the parts contain, and escapes
  // lone surrogates, so its UTF-8 bytes are the ones uuid would derive from the string itself
  // (Buffer does that conversion natively).
  return uuidv5(Buffer.from(JSON.stringify(parts), 'utf8'), NAMESPACE_BYTES);
}
