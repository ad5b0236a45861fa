import { type GoldenRecord } from '@crosswalk/model';
import { type CustomerChange } from '@crosswalk/reconcile';
import { EventsError, EventsErrorCode } from '../events-error';

/** Kafka `content-type` of a structured-mode CloudEvent in JSON. */
export const CLOUDEVENTS_JSON_CONTENT_TYPE = 'application/cloudevents+json';
/** Kafka `content-type` of a snapshot value (a bare golden record). */
export const JSON_CONTENT_TYPE = 'application/json';

/** Kafka header names set on every message. */
export const EVENT_HEADERS = {
  contentType: 'content-type',
  /** CloudEvent id, on changes and quarantine messages: dedupe without parsing the value. */
  eventId: 'ce_id',
  /** CloudEvent type, on changes and quarantine messages: route without parsing the value. */
  eventType: 'ce_type',
  /**
   * On snapshot messages: id of the change event that produced the record or tombstone.
   * Not a `ce_` header, so CloudEvents SDKs do not mistake a snapshot for a binary-mode event.
   */
  causeEventId: 'crosswalk-event-id',
} as const;

/**
 * Event type per reconciliation change. A record over the change union: adding a change type
 * fails to compile until it has an event type here.
 */
export const CUSTOMER_EVENT_TYPES = {
  created: 'crosswalk.customer.created.v1',
  updated: 'crosswalk.customer.updated.v1',
  merged: 'crosswalk.customer.merged.v1',
  deleted: 'crosswalk.customer.deleted.v1',
  split: 'crosswalk.customer.split.v1',
} as const satisfies Record<CustomerChange['type'], string>;

export type CustomerEventType = (typeof CUSTOMER_EVENT_TYPES)[keyof typeof CUSTOMER_EVENT_TYPES];

export const QUARANTINE_EVENT_TYPE = 'crosswalk.record.quarantined.v1';

/**
 * A CloudEvents 1.0 event in structured JSON mode, with the partitioning extension.
 * Extension attributes are top-level members with primitive values, as the spec requires.
 */
export interface CloudEvent<T> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: typeof JSON_CONTENT_TYPE;
  dataschema?: string;
  /** Partitioning extension: the Kafka key. */
  partitionkey: string;
  data: T;
}

/** Event on `crosswalk.customer.changes.v1`: `data` is the golden record after the change. */
export interface CustomerChangeEvent extends CloudEvent<GoldenRecord> {
  type: CustomerEventType;
  /** updated / merged: the golden record fields whose value changed, comma-separated, sorted. */
  changedfields?: string;
  /** merged: ids of the golden records absorbed into this one, comma-separated, sorted. */
  absorbedids?: string;
  /** split: ids of the customers split off this one, comma-separated, sorted. */
  splitids?: string;
}

/** What every envelope builder needs besides the change itself. */
export interface EnvelopeOptions {
  /** CloudEvents `source`, a URI-reference; see `connectorEventSource`. */
  source: string;
  /** ISO 8601 timestamp for `time`. */
  now: string;
  /** `dataschema` URI; customer events default to the golden record schema's `$id`. */
  dataSchema?: string;
}

/**
 * The `source` of events produced while syncing a connector. It names the connector, not the
 * instance, so a page re-run elsewhere after a crash produces the same source and id.
 */
/** CloudEvents `source` of changes an operator made (a review decision, a pin, a split). */
export const CURATION_EVENT_SOURCE = '/crosswalk/curation';

/** CloudEvents `source` of changes a full re-clustering made. */
export const RECLUSTER_EVENT_SOURCE = '/crosswalk/reconcile';

export function connectorEventSource(connector: string): string {
  return `/crosswalk/connectors/${encodeURIComponent(connector)}`;
}

export function assertEnvelopeOptions(options: EnvelopeOptions): void {
  if (options.source.trim() === '') {
    throw new EventsError(EventsErrorCode.InvalidMessage, 'CloudEvents source must not be empty');
  }
  if (Number.isNaN(Date.parse(options.now))) {
    throw new EventsError(
      EventsErrorCode.InvalidMessage,
      `CloudEvents time must be an ISO 8601 timestamp, got "${options.now}"`,
    );
  }
}
