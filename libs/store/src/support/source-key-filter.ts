import { type SourceKey } from '@crosswalk/model';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

/** `(alias.connector, alias.object, alias.externalId) IN ((...), ...)` with bound parameters. */
export function whereSourceKeyIn<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  keys: readonly SourceKey[],
): SelectQueryBuilder<T> {
  const parameters: Record<string, string> = {};
  const tuples = keys.map((key, index) => {
    parameters[`c${index}`] = key.connector;
    parameters[`o${index}`] = key.object;
    parameters[`e${index}`] = key.externalId;
    return `(:c${index}, :o${index}, :e${index})`;
  });
  return query.where(
    `(${alias}.connector, ${alias}.object, ${alias}.externalId) IN (${tuples.join(', ')})`,
    parameters,
  );
}
