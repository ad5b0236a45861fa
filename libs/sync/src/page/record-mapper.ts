import { type CustomerFacts } from '@crosswalk/model';

export interface MappingProblem {
  code: string;
  message: string;
  /** Canonical field, when the problem is one field's. */
  field?: string;
  /** Source field(s) it came from. */
  sourceField?: string;
}

export type MappedRecord =
  | { ok: true; facts: CustomerFacts; modifiedAt?: string }
  | { ok: false; problems: MappingProblem[] };

/** A connector's mapping, as sync uses it: raw source payload in, normalised facts out. */
export interface RecordMapper {
  map(object: string, payload: Record<string, unknown>): MappedRecord;
}
