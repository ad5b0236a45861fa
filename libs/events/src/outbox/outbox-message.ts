/** Topics, as in DESIGN.md. */
export const TOPICS = {
  changes: 'crosswalk.customer.changes.v1',
  snapshot: 'crosswalk.customer.snapshot.v1',
  quarantine: 'crosswalk.quarantine.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/**
 * One record to publish, written to the outbox in the page's transaction and relayed
 * later. `value` is the serialized CloudEvent (or golden record on the snapshot topic);
 * null is a tombstone.
 */
export interface OutboxMessage {
  /** Stable event id: the same change always gets the same id, so consumers can dedupe. */
  id: string;
  topic: TopicName;
  key: string;
  value: string | null;
  headers: Record<string, string>;
  /**
   * A change event whose customer's snapshot record follows it: the record's value is the
   * event's `data`, `value.slice(dataStart, dataEnd)`. The outbox keeps the golden record
   * once, in one row, and the relay publishes both (`publishedMessages`).
   */
  snapshot?: SnapshotSpan;
}

/** Where a change event's `data` (the golden record's JSON) sits in its serialized value. */
export interface SnapshotSpan {
  dataStart: number;
  dataEnd: number;
}

/** The span an outbox row stores in two columns; a row without both carries no snapshot. */
export function snapshotSpanOf(
  dataStart: number | string | null,
  dataEnd: number | string | null,
): { snapshot?: SnapshotSpan } {
  if (dataStart === null || dataEnd === null) return {};
  return { snapshot: { dataStart: Number(dataStart), dataEnd: Number(dataEnd) } };
}

/** An outbox row as the relay reads it back: `sequence` orders rows within a key. */
export interface StoredOutboxMessage extends OutboxMessage {
  sequence: number;
}

/** Where relayed messages go: Kafka, or the embedded NDJSON file sink. */
export interface EventSink {
  /** Resolves once every message is durably accepted (acks=all, or fsync). */
  publish(messages: readonly StoredOutboxMessage[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The store side of the relay. `drain` claims up to `limit` unpublished rows in sequence
 * order (rows locked by another relay are skipped), calls `publish`, and marks them published
 * in the same transaction; if `publish` throws nothing is marked. Resolves to the number relayed.
 */
export interface OutboxSource {
  drain(
    limit: number,
    publish: (messages: readonly StoredOutboxMessage[]) => Promise<void>,
  ): Promise<number>;
  pendingCount(): Promise<number>;
}
