import { type Logger } from '@nestjs/common';

/**
 * A connector's position in its source, as JSON. Opaque to everything but the connector
 * that wrote it; sync stores it in the same transaction as the page it follows.
 */
export type Checkpoint = Readonly<Record<string, unknown>>;

/** Where a record came from, for error messages and quarantine. */
export interface RecordLocation {
  file?: string;
  line?: number;
  table?: string;
}

/** One record as the source holds it: mapping turns `payload` into canonical facts. */
export interface RawSourceRecord {
  object: string;
  externalId: string;
  payload: Record<string, unknown>;
  /** Source modification time (ISO 8601), when the source keeps one. */
  modifiedAt?: string;
  deleted: boolean;
  location?: RecordLocation;
}

/** A record the connector could not read; it is quarantined and the page goes on. */
export interface RejectedRecord {
  object: string;
  externalId?: string;
  code: string;
  reason: string;
  /** The record as read (a raw line, a JSON row), never decoded further than it could be. */
  raw: string;
  location?: RecordLocation;
}

export interface SourcePage {
  records: RawSourceRecord[];
  rejected: RejectedRecord[];
  /** Where to resume once this page has committed. */
  checkpoint: Checkpoint;
  /** Progress for bars and logs; `total` when the connector can tell. */
  progress?: { done: number; total?: number };
  /**
   * Problems that did not stop the page but an operator should see (a configured field the
   * source no longer has, ...). The connector also logs them.
   */
  warnings?: string[];
  /**
   * Objects whose deletes the source can no longer list since the last checkpoint (its delete
   * log does not reach back that far): sync should run the full id diff (`listExternalIds`)
   * for them once this page has committed.
   */
  requiresFullDeleteDiff?: string[];
}

export interface ReadRequest {
  checkpoint: Checkpoint | null;
  pageSize: number;
  signal?: AbortSignal;
}

export interface SourceObjectDescription {
  name: string;
  fields: { name: string; type?: string }[];
}

/** The one port every source system sits behind. */
export interface SourceConnector {
  readonly name: string;
  readonly type: string;
  /**
   * Whether sync may ask for the next page while the previous one commits (one page ahead).
   * Only for a connector whose reading depends neither on the commit nor on `acknowledge`
   * having run: its position lives in the generator, and a page read ahead and then dropped
   * (a failed commit, a stop) is read again from the last committed checkpoint. Absent, each
   * page is asked for only once the previous one has committed and been acknowledged.
   */
  readonly readAhead?: boolean;
  /** The objects and fields the source offers, for mapping validation and docs. */
  discover(): Promise<SourceObjectDescription[]>;
  /**
   * Pages from the checkpoint on. A page is only asked for once the previous one has committed,
   * unless the connector declares `readAhead`.
   */
  read(request: ReadRequest): AsyncIterable<SourcePage>;
  /** Called once the page that carried `checkpoint` has committed (e.g. move a finished file). */
  acknowledge?(checkpoint: Checkpoint): Promise<void>;
  /** Every external id the source holds now, in chunks: the full delete diff. */
  listExternalIds?(object: string): AsyncIterable<string[]>;
  close(): Promise<void>;
}

export interface ConnectorContext<O> {
  name: string;
  options: O;
  /** Folder of the config file that declared the connector: relative paths resolve from it. */
  baseDir: string;
  logger: Logger;
}

/** One per source system; the registry finds it by `type`. */
export interface ConnectorFactory<O extends object = object> {
  readonly type: string;
  /** class-validator class of the connector's `options` block. */
  readonly optionsClass: new () => O;
  /** May load the connector's client library on demand (a promise), so a CLI command pays only for what it runs. */
  create(context: ConnectorContext<O>): SourceConnector | Promise<SourceConnector>;
}
