/** A point in the (SystemModstamp, Id) order: `id` null stands for "every record at `ts`". */
export interface KeysetPosition {
  /** SystemModstamp as ISO 8601 UTC with milliseconds (`2024-03-01T10:00:00.000Z`). */
  ts: string;
  id: string | null;
}

export interface SoqlScope {
  object: string;
  /** The user's extra condition from the options. */
  where?: string;
  /** Only records after this position. */
  after?: KeysetPosition | null;
  /** Only records at or before this SystemModstamp (the snapshot of a Bulk job). */
  upTo?: string | null;
}

export const CURSOR_FIELD = 'SystemModstamp';

/** SOQL datetime literal: unquoted ISO 8601 with a zone. */
export function soqlDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a timestamp: ${iso}`);
  return date.toISOString();
}

/** SOQL string literal (ids are the only strings the connector itself puts in a query). */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The keyset condition: records strictly after `position` in (SystemModstamp, Id) order.
 * Records sharing a timestamp are told apart by Id, so a page or run boundary that falls
 * inside a tie loses nothing and reads nothing twice.
 */
export function keysetCondition(position: KeysetPosition): string {
  const ts = soqlDateTime(position.ts);
  if (position.id === null) return `${CURSOR_FIELD} > ${ts}`;
  return `(${CURSOR_FIELD} > ${ts} OR (${CURSOR_FIELD} = ${ts} AND Id > ${soqlString(position.id)}))`;
}

/** The position `overlapSeconds` before `position`: where a run that re-reads a window starts. */
export function rewind(position: KeysetPosition, overlapSeconds: number): KeysetPosition {
  if (overlapSeconds <= 0) return position;
  const ts = new Date(new Date(position.ts).getTime() - overlapSeconds * 1000).toISOString();
  // strictly after `ts` (id null): the window is (ts, position], re-read whole
  return { ts, id: null };
}

export function whereClause(scope: SoqlScope): string {
  const conditions: string[] = [];
  if (scope.after) conditions.push(keysetCondition(scope.after));
  if (scope.upTo) conditions.push(`${CURSOR_FIELD} <= ${soqlDateTime(scope.upTo)}`);
  if (scope.where) conditions.push(`(${scope.where})`);
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}

/** One ordered page of the REST scan (paged further by nextRecordsUrl). */
export function scanQuery(fields: readonly string[], scope: SoqlScope): string {
  return `SELECT ${fields.join(', ')} FROM ${scope.object}${whereClause(scope)} ORDER BY ${CURSOR_FIELD} ASC, Id ASC`;
}

/**
 * An unordered query: Bulk API 2.0 jobs (ORDER BY is not supported there and would disable
 * PK chunking) and the id listing.
 */
export function unorderedQuery(fields: readonly string[], scope: SoqlScope): string {
  return `SELECT ${fields.join(', ')} FROM ${scope.object}${whereClause(scope)}`;
}

export function countQuery(scope: SoqlScope): string {
  return `SELECT COUNT() FROM ${scope.object}${whereClause(scope)}`;
}

/** The newest SystemModstamp in scope: the upper bound of a Bulk snapshot. */
export function latestStampQuery(scope: SoqlScope): string {
  return `SELECT ${CURSOR_FIELD} FROM ${scope.object}${whereClause(scope)} ORDER BY ${CURSOR_FIELD} DESC LIMIT 1`;
}

/** Records of `ids`, deleted ones included (queryAll): the payload of a getDeleted id. */
export function byIdsQuery(
  fields: readonly string[],
  object: string,
  ids: readonly string[],
): string {
  return `SELECT ${fields.join(', ')} FROM ${object} WHERE Id IN (${ids.map(soqlString).join(', ')})`;
}
