import { type RawSourceRecord, type RecordLocation, type SourcePage } from '@crosswalk/connectors';
import { type SourceKey, type SourceObservation, sourceKeyString } from '@crosswalk/model';
import { contentHash } from './content-hash';
import { type MappingProblem, type RecordMapper } from './record-mapper';

/** A source record ready for the replica and reconciliation. */
export interface PreparedRecord {
  observation: SourceObservation;
  payload: Record<string, unknown>;
  contentHash: string;
}

/** A record that cannot be taken, with everything needed to find and fix it. */
export interface QuarantineDraft {
  connector: string;
  object: string;
  externalId: string | null;
  code: string;
  reason: string;
  location: RecordLocation | null;
  raw: string;
}

export interface PreparedPage {
  records: PreparedRecord[];
  quarantine: QuarantineDraft[];
  /**
   * Deleted records the source sent without their values (a purged record is only an id):
   * the deletion applies to what the replica holds.
   */
  deletions: SourceKey[];
}

export const MAPPING_REJECT_CODE = 'RECORD_INVALID';

/**
 * Maps and normalises one page. Pure: a record that fails goes to quarantine with the reason
 * and the raw record, and the rest of the page goes on. When the source repeats a record
 * within a page, the last read wins.
 */
export function preparePage(
  connector: string,
  page: SourcePage,
  mapper: RecordMapper,
  now: string,
): PreparedPage {
  const quarantine: QuarantineDraft[] = page.rejected.map((rejected) => ({
    connector,
    object: rejected.object,
    externalId: rejected.externalId ?? null,
    code: rejected.code,
    reason: rejected.reason,
    location: rejected.location ?? null,
    raw: rejected.raw,
  }));
  const records = new Map<string, PreparedRecord>();
  const deletions: SourceKey[] = [];
  for (const record of page.records) {
    const mapped = mapper.map(record.object, record.payload);
    if (!mapped.ok && record.deleted) {
      deletions.push({ connector, object: record.object, externalId: record.externalId });
      continue;
    }
    if (!mapped.ok) {
      quarantine.push(toQuarantine(connector, record, mapped.problems));
      continue;
    }
    const observation: SourceObservation = {
      connector,
      object: record.object,
      externalId: record.externalId,
      facts: mapped.facts,
      observedAt: mapped.modifiedAt ?? record.modifiedAt ?? now,
      deleted: record.deleted,
    };
    const key = sourceKeyString(observation);
    records.delete(key);
    records.set(key, {
      observation,
      payload: record.payload,
      contentHash: contentHash(record.payload, record.deleted),
    });
  }
  return { records: [...records.values()], quarantine, deletions };
}

function toQuarantine(
  connector: string,
  record: RawSourceRecord,
  problems: readonly MappingProblem[],
): QuarantineDraft {
  const where = describeLocation(record);
  const reason = problems
    .map((problem) => {
      const field = problem.field ? `${problem.field}: ` : '';
      const from = problem.sourceField ? ` (source field ${problem.sourceField})` : '';
      return `${field}${problem.message}${from}`;
    })
    .join('; ');
  return {
    connector,
    object: record.object,
    externalId: record.externalId,
    code: problems[0]?.code ?? MAPPING_REJECT_CODE,
    reason: `record ${record.externalId}${where}: ${reason}`,
    location: record.location ?? null,
    raw: JSON.stringify(record.payload),
  };
}

function describeLocation(record: RawSourceRecord): string {
  const location = record.location;
  if (!location) return '';
  if (location.file) return ` at ${location.file}${location.line ? `:${location.line}` : ''}`;
  if (location.table) return ` in ${location.table}`;
  return '';
}
