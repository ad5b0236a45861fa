/** What an upsert does with a row whose key is stored (see `SqlStatements.insert`). */
export interface ConflictClause {
  key: readonly string[];
  /** Columns taken from the new row; none: the row is skipped. */
  update: readonly string[];
  /** A condition on the stored row, written with the table's name, limiting which rows update. */
  when?: string;
}

/** The ON CONFLICT clause of an upsert, with its leading space. */
export function conflictSql(conflict: ConflictClause): string {
  const target = conflict.key.map(quote).join(', ');
  if (conflict.update.length === 0) return ` ON CONFLICT (${target}) DO NOTHING`;
  const assignments = conflict.update
    .map((column) => `${quote(column)} = excluded.${quote(column)}`)
    .join(', ');
  return ` ON CONFLICT (${target}) DO UPDATE SET ${assignments}${
    conflict.when === undefined ? '' : ` WHERE ${conflict.when}`
  }`;
}

/** An identifier from this library's code (never from input), quoted. */
export function quote(identifier: string): string {
  return `"${identifier}"`;
}
