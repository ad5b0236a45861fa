/**
 * PostgreSQL takes at most 65,535 bind parameters per statement and SQLite 32,766:
 * multi-row statements are cut so that rows x columns stays below both.
 */
const MAX_PARAMETERS = 30_000;

export function chunkForParameters<T>(rows: readonly T[], parametersPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / parametersPerRow));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) {
    chunks.push(rows.slice(start, start + size));
  }
  return chunks;
}
