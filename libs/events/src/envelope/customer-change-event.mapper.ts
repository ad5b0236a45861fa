import { CUSTOMER_SCHEMA_ID, type GoldenRecord, goldenRecordJson } from '@crosswalk/model';
import { type CustomerChange } from '@crosswalk/reconcile';
import { TOPICS, type OutboxMessage, type SnapshotSpan } from '../outbox/outbox-message';
import {
  CLOUDEVENTS_JSON_CONTENT_TYPE,
  CUSTOMER_EVENT_TYPES,
  EVENT_HEADERS,
  JSON_CONTENT_TYPE,
  assertEnvelopeOptions,
  type CustomerChangeEvent,
  type EnvelopeOptions,
} from './cloud-event';
import { deterministicEventId } from './event-id';

/** The id of the change event: customer id, version and type, nothing time-dependent. */
export function customerChangeEventId(change: CustomerChange): string {
  return deterministicEventId(
    'customer-change',
    change.customer.id,
    change.customer.version,
    CUSTOMER_EVENT_TYPES[change.type],
  );
}

/**
 * The outbox messages of one reconciliation change, in publish order: the CloudEvent on the
 * changes topic, carrying the customer's snapshot record (published right after it, see
 * `publishedMessages`), or followed by the customer's snapshot tombstone once deleted; then a
 * snapshot tombstone per golden record a merge absorbed. A split is followed by a `created`
 * event (with its snapshot record) for each customer split off, so a consumer keyed by
 * customer id meets the new ids as it meets any new customer.
 */
export function buildCustomerChangeMessages(
  change: CustomerChange,
  options: EnvelopeOptions,
): OutboxMessage[] {
  assertEnvelopeOptions(options);
  const event = changeEventOf(change, options);
  // The golden record is serialized once: the change event's `data` is the snapshot value.
  const { value, snapshot } = serializeChangeEvent(event, goldenRecordJson(change.customer));
  const changeMessage: OutboxMessage = {
    id: event.id,
    topic: TOPICS.changes,
    key: event.partitionkey,
    value,
    headers: {
      [EVENT_HEADERS.contentType]: CLOUDEVENTS_JSON_CONTENT_TYPE,
      [EVENT_HEADERS.eventId]: event.id,
      [EVENT_HEADERS.eventType]: event.type,
    },
  };
  if (change.type === 'deleted') {
    return [changeMessage, snapshotTombstone(change.customer.id, event.id)];
  }
  const messages: OutboxMessage[] = [{ ...changeMessage, snapshot }];
  if (change.type === 'merged') {
    for (const id of idsOf(change.absorbed)) messages.push(snapshotTombstone(id, event.id));
  }
  if (change.type === 'split') {
    for (const part of [...change.parts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      messages.push(...buildCustomerChangeMessages({ type: 'created', customer: part }, options));
    }
  }
  return messages;
}

/**
 * The records the sink publishes for outbox messages, in order: each message, and right after
 * a change event that carries it, its customer's snapshot record.
 */
export function publishedMessages<M extends OutboxMessage>(messages: readonly M[]): M[] {
  const published: M[] = [];
  for (const message of messages) {
    const { snapshot, ...event } = message;
    if (snapshot === undefined || event.value === null) {
      published.push(message);
      continue;
    }
    const data = event.value.slice(snapshot.dataStart, snapshot.dataEnd);
    published.push(event as M, { ...event, ...snapshotRecord(event.key, event.id, data) } as M);
  }
  return published;
}

/** How many records the sink publishes for these outbox messages. */
export function publishedCount(messages: readonly OutboxMessage[]): number {
  let count = messages.length;
  for (const message of messages) if (message.snapshot !== undefined) count += 1;
  return count;
}

/**
 * `JSON.stringify(event)` with `data` already serialized: the members before `data`, `data`,
 * then the members after it, each in the event's own member order; and where `data` sits.
 */
function serializeChangeEvent(
  event: CustomerChangeEvent,
  dataJson: string,
): { value: string; snapshot: SnapshotSpan } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  let target = before;
  for (const [name, value] of Object.entries(event)) {
    if (name === 'data') target = after;
    else target[name] = value;
  }
  const beforeJson = JSON.stringify(before);
  const afterJson = JSON.stringify(after);
  const head = `${beforeJson === '{}' ? '{' : `${beforeJson.slice(0, -1)},`}"data":`;
  const tail = afterJson === '{}' ? '}' : `,${afterJson.slice(1)}`;
  return {
    value: `${head}${dataJson}${tail}`,
    snapshot: { dataStart: head.length, dataEnd: head.length + dataJson.length },
  };
}

/** The CloudEvent alone, for callers that publish elsewhere or display it. */
export function buildCustomerChangeEvent(
  change: CustomerChange,
  options: EnvelopeOptions,
): CustomerChangeEvent {
  assertEnvelopeOptions(options);
  return changeEventOf(change, options);
}

function changeEventOf(change: CustomerChange, options: EnvelopeOptions): CustomerChangeEvent {
  const customer = change.customer;
  // Members in a fixed order so the serialized event is byte-for-byte reproducible.
  const event: CustomerChangeEvent = {
    specversion: '1.0',
    id: customerChangeEventId(change),
    source: options.source,
    type: CUSTOMER_EVENT_TYPES[change.type],
    subject: customer.id,
    time: new Date(options.now).toISOString(),
    datacontenttype: JSON_CONTENT_TYPE,
    dataschema: options.dataSchema ?? CUSTOMER_SCHEMA_ID,
    partitionkey: customer.id,
    data: customer,
  };
  switch (change.type) {
    case 'created':
    case 'deleted':
      break;
    case 'updated':
      event.changedfields = changedFields(change.changes);
      break;
    case 'merged':
      event.changedfields = changedFields(change.changes);
      event.absorbedids = idsOf(change.absorbed).join(',');
      break;
    case 'split':
      event.changedfields = changedFields(change.changes);
      event.splitids = idsOf(change.parts).join(',');
      break;
  }
  return event;
}

function changedFields(changes: readonly { field: string }[]): string {
  return [...new Set(changes.map((change) => change.field))].sort().join(',');
}

function idsOf(records: readonly GoldenRecord[]): string[] {
  return [...new Set(records.map((record) => record.id))].sort();
}

function snapshotRecord(
  customerId: string,
  causeEventId: string,
  customerJson: string,
): OutboxMessage {
  return {
    id: deterministicEventId('customer-snapshot', customerId, causeEventId),
    topic: TOPICS.snapshot,
    key: customerId,
    value: customerJson,
    headers: {
      [EVENT_HEADERS.contentType]: JSON_CONTENT_TYPE,
      [EVENT_HEADERS.causeEventId]: causeEventId,
    },
  };
}

function snapshotTombstone(customerId: string, causeEventId: string): OutboxMessage {
  return {
    id: deterministicEventId('customer-snapshot', customerId, causeEventId),
    topic: TOPICS.snapshot,
    key: customerId,
    value: null,
    headers: { [EVENT_HEADERS.causeEventId]: causeEventId },
  };
}
