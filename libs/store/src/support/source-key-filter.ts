import { type SourceKey } from '@crosswalk/model';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { chunkForParameters } from './batching';

/**
 * Source keys grouped by connector and object, their external ids cut into chunks: a plain
 * `external_id IN (...)` per chunk stays within both databases' limits (SQLite refuses long
 * row-value IN lists as too deep an expression).
 */
export function* sourceKeyChunks(
  keys: readonly SourceKey[],
): Generator<{ connector: string; object: string; externalIds: string[] }> {
  const groups = new Map<string, { connector: string; object: string; externalIds: string[] }>();
  for (const key of keys) {
    const group = `${key.connector}\u0000${key.object}`;
    let entry = groups.get(group);
    if (!entry) {
      entry = { connector: key.connector, object: key.object, externalIds: [] };
      groups.set(group, entry);
    }
    entry.externalIds.push(key.externalId);
  }
  for (const group of groups.values()) {
    for (const externalIds of chunkForParameters([...new Set(group.externalIds)], 1)) {
      yield { connector: group.connector, object: group.object, externalIds };
    }
  }
}

/** Narrows `query` to one chunk of source keys. */
export function whereSourceKeysIn<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  chunk: { connector: string; object: string; externalIds: string[] },
): SelectQueryBuilder<T> {
  return query.where(
    `${alias}.connector = :connector AND ${alias}.object = :object AND ${alias}.externalId IN (:...externalIds)`,
    chunk,
  );
}
