import { CUSTOMER_SCHEMA_ID, type GoldenRecord } from '@crosswalk/model';
import { type CustomerChange } from '@crosswalk/reconcile';
import { TOPICS, type OutboxMessage } from '../outbox/outbox-message';
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
 * changes topic, then the snapshot record of the customer (a tombstone once deleted), then a
 * snapshot tombstone per golden record a merge absorbed. A split is followed by a `created`
 * event and a snapshot record for each customer split off, so a consumer keyed by customer id
 * meets the new ids as it meets any new customer.
 */
export function buildCustomerChangeMessages(
  change: CustomerChange,
  options: EnvelopeOptions,
): OutboxMessage[] {
  assertEnvelopeOptions(options);
  const event = changeEventOf(change, options);
  // The golden record is serialized once: the change event's `data` and the snapshot value
  // are the same bytes.
  const customerJson = JSON.stringify(change.customer);
  const messages: OutboxMessage[] = [
    {
      id: event.id,
      topic: TOPICS.changes,
      key: event.partitionkey,
      value: serializeChangeEvent(event, customerJson),
      headers: {
        [EVENT_HEADERS.contentType]: CLOUDEVENTS_JSON_CONTENT_TYPE,
        [EVENT_HEADERS.eventId]: event.id,
        [EVENT_HEADERS.eventType]: event.type,
      },
    },
  ];
  switch (change.type) {
    case 'created':
    case 'updated':
      messages.push(snapshotRecord(change.customer, event.id, customerJson));
      break;
    case 'merged':
      messages.push(snapshotRecord(change.customer, event.id, customerJson));
      for (const id of idsOf(change.absorbed)) {
        messages.push(snapshotTombstone(id, event.id));
      }
      break;
    case 'deleted':
      messages.push(snapshotTombstone(change.customer.id, event.id));
      break;
    case 'split':
      messages.push(snapshotRecord(change.customer, event.id, customerJson));
      for (const part of [...change.parts].sort((a, b) =>
        a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
      )) {
        messages.push(...buildCustomerChangeMessages({ type: 'created', customer: part }, options));
      }
      break;
  }
  return messages;
}

/**
 * `JSON.stringify(event)` with `data` already serialized: the members before `data`, `data`,
 * then the members after it, each in the event's own member order.
 */
function serializeChangeEvent(event: CustomerChangeEvent, dataJson: string): string {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  let target = before;
  for (const [name, value] of Object.entries(event)) {
    if (name === 'data') target = after;
    else target[name] = value;
  }
  const beforeJson = JSON.stringify(before);
  const afterJson = JSON.stringify(after);
  const head = beforeJson === '{}' ? '{' : `${beforeJson.slice(0, -1)},`;
  const tail = afterJson === '{}' ? '}' : `,${afterJson.slice(1)}`;
  return `${head}"data":${dataJson}${tail}`;
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
  customer: GoldenRecord,
  causeEventId: string,
  customerJson: string,
): OutboxMessage {
  return {
    id: deterministicEventId('customer-snapshot', customer.id, causeEventId),
    topic: TOPICS.snapshot,
    key: customer.id,
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
