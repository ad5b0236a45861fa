import { CUSTOMER_SCHEMA, CUSTOMER_SCHEMA_ID } from '@crosswalk/model';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { type CustomerChange } from '@crosswalk/reconcile';
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { TOPICS } from '../outbox/outbox-message';
import {
  CLOUDEVENTS_JSON_CONTENT_TYPE,
  CUSTOMER_EVENT_TYPES,
  EVENT_HEADERS,
  connectorEventSource,
  type CustomerChangeEvent,
} from './cloud-event';
import {
  buildCustomerChangeEvent,
  buildCustomerChangeMessages,
  customerChangeEventId,
  publishedCount,
  publishedMessages,
} from './customer-change-event.mapper';
import { EventsError, EventsErrorCode } from '../events-error';
import { deterministicEventId } from './event-id';
import { goldenRecordFixture } from '../testing/golden-record.fixture';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const isGoldenRecord = ajv.compile(CUSTOMER_SCHEMA);

const golden = goldenRecordFixture;

const options = { source: connectorEventSource('erp-csv'), now: '2024-05-02T08:30:00.000Z' };

/** The records a change puts on the topics: its outbox messages as the relay publishes them. */
const published = (change: CustomerChange, envelope: typeof options = options) =>
  publishedMessages(buildCustomerChangeMessages(change, envelope));

const created: CustomerChange = { type: 'created', customer: golden('cust-1', 1) };
const updated: CustomerChange = {
  type: 'updated',
  customer: golden('cust-1', 2, { emails: ['ada@lovelace.example'] }),
  previous: golden('cust-1', 1),
  changes: [
    { field: 'phones', before: [], after: ['+441632960001'] },
    { field: 'sources', before: [], after: [] },
    { field: 'emails', before: ['ada@example.org'], after: ['ada@lovelace.example'] },
  ],
};
const merged: CustomerChange = {
  type: 'merged',
  customer: golden('cust-1', 3),
  previous: golden('cust-1', 2),
  absorbed: [golden('cust-9', 4), golden('cust-5', 1)],
  changes: [{ field: 'identifiers', before: [], after: [{ scheme: 'vat', value: 'GB1' }] }],
};
const deleted: CustomerChange = {
  type: 'deleted',
  customer: golden('cust-1', 4, { deleted: true }),
  previous: golden('cust-1', 3),
};

const split: CustomerChange = {
  type: 'split',
  customer: golden('cust-1', 5, { fullName: 'Ada King' }),
  previous: golden('cust-1', 4),
  parts: [golden('cust-7', 1, { fullName: 'Ann Lee' }), golden('cust-3', 3, { fullName: 'Anna' })],
  changes: [
    { field: 'sources', before: [], after: [] },
    { field: 'fullName', before: 'Ada Lovelace', after: 'Ada King' },
  ],
};

function parse(value: string | null): CustomerChangeEvent {
  if (value === null) throw new Error('expected a value');
  return JSON.parse(value) as CustomerChangeEvent;
}

describe('buildCustomerChangeMessages', () => {
  it.each([
    ['created', created, 1],
    ['updated', updated, 1],
    ['merged', merged, 3],
    ['deleted', deleted, 2],
    ['split', split, 3],
  ] as const)(
    'keeps the golden record of a %s change once: its snapshot record is the event data',
    (_, change, stored) => {
      const messages = buildCustomerChangeMessages(change, options);
      expect(messages).toHaveLength(stored);
      for (const message of messages.filter((m) => m.snapshot !== undefined)) {
        const event = JSON.parse(message.value!) as CustomerChangeEvent;
        const span = message.snapshot!;
        expect(message.value!.slice(span.dataStart, span.dataEnd)).toBe(JSON.stringify(event.data));
      }
      expect(messages.some((m) => m.topic === TOPICS.snapshot && m.value !== null)).toBe(false);
      expect(publishedCount(messages)).toBe(publishedMessages(messages).length);
    },
  );

  it.each([
    ['created', created, CUSTOMER_EVENT_TYPES.created],
    ['updated', updated, CUSTOMER_EVENT_TYPES.updated],
    ['merged', merged, CUSTOMER_EVENT_TYPES.merged],
    ['deleted', deleted, CUSTOMER_EVENT_TYPES.deleted],
    ['split', split, CUSTOMER_EVENT_TYPES.split],
  ] as const)('wraps a %s change in a CloudEvent on the changes topic', (_, change, type) => {
    const [first] = published(change, options);
    expect(first).toBeDefined();
    const event = parse(first!.value);
    expect(first).toMatchObject({
      id: event.id,
      topic: TOPICS.changes,
      key: 'cust-1',
      headers: {
        [EVENT_HEADERS.contentType]: CLOUDEVENTS_JSON_CONTENT_TYPE,
        [EVENT_HEADERS.eventId]: event.id,
        [EVENT_HEADERS.eventType]: type,
      },
    });
    expect(event).toMatchObject({
      specversion: '1.0',
      source: '/crosswalk/connectors/erp-csv',
      type,
      subject: 'cust-1',
      time: '2024-05-02T08:30:00.000Z',
      datacontenttype: 'application/json',
      partitionkey: 'cust-1',
    });
    expect(event.data).toEqual(change.customer);
    expect(isGoldenRecord(event.data)).toBe(true);
    expect(event.dataschema).toBe(CUSTOMER_SCHEMA_ID);
    expect(isUuid(event.id)).toBe(true);
    expect(uuidVersion(event.id)).toBe(5);
  });

  it.each([
    ['created', created, [['cust-1', 'record']]],
    ['updated', updated, [['cust-1', 'record']]],
    [
      'merged',
      merged,
      [
        ['cust-1', 'record'],
        ['cust-5', 'tombstone'],
        ['cust-9', 'tombstone'],
      ],
    ],
    ['deleted', deleted, [['cust-1', 'tombstone']]],
  ] as const)('writes the snapshot records of a %s change', (_, change, expected) => {
    const [event, ...snapshot] = published(change, options);
    expect(snapshot.map((m) => m.topic)).toEqual(expected.map(() => TOPICS.snapshot));
    expect(snapshot.map((m) => [m.key, m.value === null ? 'tombstone' : 'record'])).toEqual(
      expected,
    );
    for (const message of snapshot) {
      expect(message.headers[EVENT_HEADERS.causeEventId]).toBe(event!.id);
      expect(Object.keys(message.headers).some((h) => h.startsWith('ce_'))).toBe(false);
      if (message.value !== null) {
        expect(JSON.parse(message.value)).toEqual(change.customer);
        expect(message.headers[EVENT_HEADERS.contentType]).toBe('application/json');
      }
    }
  });

  it('follows a split with the remaining snapshot, then a created event and snapshot per part', () => {
    const messages = published(split, options);
    expect(
      messages.map((m) => [
        m.topic,
        m.key,
        m.topic === TOPICS.changes
          ? parse(m.value).type
          : m.value === null
            ? 'tombstone'
            : 'record',
      ]),
    ).toEqual([
      [TOPICS.changes, 'cust-1', CUSTOMER_EVENT_TYPES.split],
      [TOPICS.snapshot, 'cust-1', 'record'],
      [TOPICS.changes, 'cust-3', CUSTOMER_EVENT_TYPES.created],
      [TOPICS.snapshot, 'cust-3', 'record'],
      [TOPICS.changes, 'cust-7', CUSTOMER_EVENT_TYPES.created],
      [TOPICS.snapshot, 'cust-7', 'record'],
    ]);
    const [event, remaining, created3, snapshot3, created7, snapshot7] = messages;
    expect(JSON.parse(remaining!.value!)).toEqual(split.customer);
    expect(remaining!.headers[EVENT_HEADERS.causeEventId]).toBe(event!.id);
    for (const [created, snapshot, part] of [
      [created3, snapshot3, split.parts[1]],
      [created7, snapshot7, split.parts[0]],
    ] as const) {
      const createdEvent = parse(created!.value);
      expect(createdEvent).toMatchObject({ subject: part!.id, partitionkey: part!.id });
      expect(createdEvent.data).toEqual(part);
      expect(isGoldenRecord(createdEvent.data)).toBe(true);
      expect(createdEvent.id).toBe(customerChangeEventId({ type: 'created', customer: part! }));
      expect(createdEvent).not.toHaveProperty('splitids');
      expect(JSON.parse(snapshot!.value!)).toEqual(part);
      expect(snapshot!.headers[EVENT_HEADERS.causeEventId]).toBe(createdEvent.id);
    }
  });

  it('names the customers split off, sorted, and the changed fields of the one that remains', () => {
    const event = buildCustomerChangeEvent(split, options);
    expect(event.splitids).toBe('cust-3,cust-7');
    expect(event.changedfields).toBe('fullName,sources');
    expect(event).not.toHaveProperty('absorbedids');
    expect(event.data).toEqual(split.customer);
  });

  it('gives a split the same messages whatever the order of its parts', () => {
    const reordered = { ...split, parts: [...split.parts].reverse() };
    expect(published(reordered, options)).toEqual(published(split, options));
  });

  it('names the changed fields of an update, sorted and without repeats', () => {
    const event = buildCustomerChangeEvent(updated, options);
    expect(event.changedfields).toBe('emails,phones,sources');
    expect(event).not.toHaveProperty('absorbedids');
    expect(event).not.toHaveProperty('splitids');
  });

  it('names the absorbed golden records of a merge', () => {
    const event = buildCustomerChangeEvent(merged, options);
    expect(event.absorbedids).toBe('cust-5,cust-9');
    expect(event.changedfields).toBe('identifiers');
  });

  it.each([
    ['created', created],
    ['deleted', deleted],
  ] as const)('adds no change extensions to a %s event', (_, change) => {
    const event = buildCustomerChangeEvent(change, options);
    expect(event).not.toHaveProperty('changedfields');
    expect(event).not.toHaveProperty('absorbedids');
    expect(event).not.toHaveProperty('splitids');
  });

  it('gives the same change the same ids whatever the time or source', () => {
    const first = published(merged, options);
    const again = published(structuredClone(merged), {
      source: '/crosswalk/connectors/other',
      now: '2030-01-01T00:00:00.000Z',
    });
    expect(again.map((m) => m.id)).toEqual(first.map((m) => m.id));
    expect(parse(again[0]!.value).id).toBe(parse(first[0]!.value).id);
  });

  it('gives different ids to different versions, types and customers', () => {
    const ids = [
      customerChangeEventId(created),
      customerChangeEventId(updated),
      customerChangeEventId(merged),
      customerChangeEventId(deleted),
      customerChangeEventId(split),
      customerChangeEventId({ ...split, customer: golden('cust-1', 4) }),
      customerChangeEventId({ ...updated, customer: golden('cust-1', 1) }),
      customerChangeEventId({ type: 'created', customer: golden('cust-2', 1) }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every message of every change a distinct id', () => {
    const ids = [created, updated, merged, deleted, split].flatMap((change) =>
      published(change, options).map((m) => m.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serialises the same change to the same bytes', () => {
    expect(published(updated, options)).toEqual(published(structuredClone(updated), options));
  });

  it.each([
    ['created', created],
    ['updated', updated],
    ['merged', merged],
    ['deleted', deleted],
    ['split', split],
  ] as const)(
    'writes a %s event as JSON.stringify of the event, snapshots as of the record',
    (_, change) => {
      const messages = published(change, options);
      expect(messages[0]!.value).toBe(JSON.stringify(buildCustomerChangeEvent(change, options)));
      for (const message of messages.filter((m) => m.topic === TOPICS.snapshot && m.value)) {
        expect(message.value).toBe(
          JSON.stringify(
            [change.customer, ...(change.type === 'split' ? change.parts : [])].find(
              (record) => record.id === message.key,
            ),
          ),
        );
      }
    },
  );

  it('keeps the event ids it has always issued', () => {
    // UUID v5 over the parts under the fixed namespace: ids published before must not move.
    expect(deterministicEventId('customer-change', 'cust-1', 2, 'x')).toBe(
      '0d2db933-5e00-54c2-85a0-5f02f932b49c',
    );
    expect(deterministicEventId('customer-snapshot', 'Zoë 😀', 'é')).toBe(
      '60befb98-012b-5410-b03a-56b9dbe75469',
    );
  });

  it('carries the dataschema it is given', () => {
    const event = buildCustomerChangeEvent(created, {
      ...options,
      dataSchema: 'https://crosswalk.example/schemas/customer.v1.json',
    });
    expect(event.dataschema).toBe('https://crosswalk.example/schemas/customer.v1.json');
  });

  it.each([
    ['an empty source', { source: ' ', now: options.now }],
    ['a time that is not a timestamp', { source: options.source, now: 'yesterday' }],
  ])('refuses %s', (_, bad) => {
    let thrown: unknown;
    try {
      buildCustomerChangeMessages(created, bad);
    } catch (error: unknown) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EventsError);
    expect(thrown).toHaveProperty('code', EventsErrorCode.InvalidMessage);
  });

  it('encodes the connector name in the source', () => {
    expect(connectorEventSource('erp sql/eu')).toBe('/crosswalk/connectors/erp%20sql%2Feu');
  });
});
