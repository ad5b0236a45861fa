import { type SourceKey } from '@crosswalk/model';

export interface SourceKeyGroup {
  connector: string;
  object: string;
  /** Distinct, in first-seen order. */
  externalIds: string[];
}

/**
 * Source keys grouped by connector and object: a plain `external_id IN (...)` per group
 * uses the primary key and stays within both databases' limits (SQLite refuses long row-value
 * IN lists as too deep an expression).
 */
export function groupSourceKeys(keys: readonly SourceKey[]): SourceKeyGroup[] {
  const groups = new Map<string, { connector: string; object: string; ids: Set<string> }>();
  for (const key of keys) {
    const name = `${key.connector}\u0000${key.object}`;
    let group = groups.get(name);
    if (!group) {
      group = { connector: key.connector, object: key.object, ids: new Set() };
      groups.set(name, group);
    }
    group.ids.add(key.externalId);
  }
  return [...groups.values()].map((group) => ({
    connector: group.connector,
    object: group.object,
    externalIds: [...group.ids],
  }));
}
