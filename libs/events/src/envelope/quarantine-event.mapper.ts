import { createHash } from 'node:crypto';
import { TOPICS, type OutboxMessage } from '../outbox/outbox-message';
import {
  CLOUDEVENTS_JSON_CONTENT_TYPE,
  EVENT_HEADERS,
  JSON_CONTENT_TYPE,
  QUARANTINE_EVENT_TYPE,
  assertEnvelopeOptions,
  type CloudEvent,
  type EnvelopeOptions,
} from './cloud-event';
import { deterministicEventId } from './event-id';

/** Where in the source a quarantined record sat. */
export interface QuarantineLocation {
  file?: string;
  line?: number;
  table?: string;
}

/** A record Crosswalk could not take: rejected by its connector, or failed mapping/validation. */
export interface QuarantineEntry {
  connector: string;
  object: string;
  /** Absent when the record's id itself could not be read. */
  externalId?: string | null;
  /** A reject code (connector) or a mapping/validation code. */
  code: string;
  reason: string;
  location?: QuarantineLocation | null;
  /** The record as read: a raw line, or the source payload. */
  raw: string | Readonly<Record<string, unknown>>;
}

/** `data` of a quarantine event: the entry with every member present. */
export interface QuarantineEventData {
  connector: string;
  object: string;
  externalId: string | null;
  code: string;
  reason: string;
  location: QuarantineLocation | null;
  raw: string | Readonly<Record<string, unknown>>;
}

export type QuarantineEvent = CloudEvent<QuarantineEventData>;

/**
 * The Kafka key of a quarantined record: `connector/object/externalId`, or, without an id,
 * `connector/object/sha256:<first 16 hex of the raw record>` so the same raw row keeps its key.
 */
export function quarantineKey(entry: QuarantineEntry): string {
  const id = entry.externalId ?? `sha256:${rawDigest(entry.raw).slice(0, 16)}`;
  return `${entry.connector}/${entry.object}/${id}`;
}

/** One CloudEvent on the dead-letter topic, keyed by the record. */
export function buildQuarantineMessage(
  entry: QuarantineEntry,
  options: EnvelopeOptions,
): OutboxMessage {
  assertEnvelopeOptions(options);
  const key = quarantineKey(entry);
  const data: QuarantineEventData = {
    connector: entry.connector,
    object: entry.object,
    externalId: entry.externalId ?? null,
    code: entry.code,
    reason: entry.reason,
    location: entry.location ?? null,
    raw: entry.raw,
  };
  const event: QuarantineEvent = {
    specversion: '1.0',
    // The same bad record at the same place for the same reason is the same event.
    id: deterministicEventId(
      'quarantine',
      key,
      entry.code,
      JSON.stringify(data.location),
      rawDigest(entry.raw),
    ),
    source: options.source,
    type: QUARANTINE_EVENT_TYPE,
    subject: key,
    time: new Date(options.now).toISOString(),
    datacontenttype: JSON_CONTENT_TYPE,
    ...(options.dataSchema === undefined ? {} : { dataschema: options.dataSchema }),
    partitionkey: key,
    data,
  };
  return {
    id: event.id,
    topic: TOPICS.quarantine,
    key,
    value: JSON.stringify(event),
    headers: {
      [EVENT_HEADERS.contentType]: CLOUDEVENTS_JSON_CONTENT_TYPE,
      [EVENT_HEADERS.eventId]: event.id,
      [EVENT_HEADERS.eventType]: event.type,
    },
  };
}

function rawDigest(raw: QuarantineEntry['raw']): string {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  return createHash('sha256').update(text).digest('hex');
}
