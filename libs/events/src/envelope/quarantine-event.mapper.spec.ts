import { validate as isUuid } from 'uuid';
import { TOPICS } from '../outbox/outbox-message';
import { EVENT_HEADERS, QUARANTINE_EVENT_TYPE, connectorEventSource } from './cloud-event';
import {
  buildQuarantineMessage,
  quarantineKey,
  type QuarantineEntry,
  type QuarantineEvent,
} from './quarantine-event.mapper';

const options = { source: connectorEventSource('erp-csv'), now: '2024-05-02T08:30:00Z' };

const badEmail: QuarantineEntry = {
  connector: 'erp-csv',
  object: 'customers',
  externalId: 'C-17',
  code: 'INVALID_EMAIL',
  reason: 'email "ada@" is not an e-mail address',
  location: { file: 'customers-2024-05-01.csv', line: 18 },
  raw: 'C-17;Ada;ada@;+44 1632 960001',
};

const noId: QuarantineEntry = {
  connector: 'erp-csv',
  object: 'customers',
  code: 'RECORD_MISSING_ID',
  reason: 'column "id" is empty',
  raw: ';Bob;bob@example.org;',
};

function eventOf(entry: QuarantineEntry): QuarantineEvent {
  const message = buildQuarantineMessage(entry, options);
  return JSON.parse(message.value ?? 'null') as QuarantineEvent;
}

describe('buildQuarantineMessage', () => {
  it('publishes a CloudEvent keyed by the source record on the dead-letter topic', () => {
    const message = buildQuarantineMessage(badEmail, options);
    const event = eventOf(badEmail);
    expect(message).toMatchObject({
      id: event.id,
      topic: TOPICS.quarantine,
      key: 'erp-csv/customers/C-17',
      headers: {
        [EVENT_HEADERS.contentType]: 'application/cloudevents+json',
        [EVENT_HEADERS.eventId]: event.id,
        [EVENT_HEADERS.eventType]: QUARANTINE_EVENT_TYPE,
      },
    });
    expect(event).toMatchObject({
      specversion: '1.0',
      type: QUARANTINE_EVENT_TYPE,
      source: '/crosswalk/connectors/erp-csv',
      subject: 'erp-csv/customers/C-17',
      partitionkey: 'erp-csv/customers/C-17',
      time: '2024-05-02T08:30:00.000Z',
      datacontenttype: 'application/json',
      data: {
        connector: 'erp-csv',
        object: 'customers',
        externalId: 'C-17',
        code: 'INVALID_EMAIL',
        reason: 'email "ada@" is not an e-mail address',
        location: { file: 'customers-2024-05-01.csv', line: 18 },
        raw: 'C-17;Ada;ada@;+44 1632 960001',
      },
    });
    expect(isUuid(event.id)).toBe(true);
  });

  it('keys a record without an id by a digest of its raw text', () => {
    expect(quarantineKey(noId)).toMatch(/^erp-csv\/customers\/sha256:[0-9a-f]{16}$/);
    expect(quarantineKey({ ...noId, externalId: null })).toBe(quarantineKey(noId));
    expect(quarantineKey({ ...noId, raw: ';Bob;other@example.org;' })).not.toBe(
      quarantineKey(noId),
    );
    expect(eventOf(noId).data).toMatchObject({ externalId: null, location: null });
  });

  it('keeps a structured payload as JSON', () => {
    const entry: QuarantineEntry = { ...badEmail, raw: { ID: 'C-17', EMAIL: 'ada@' } };
    expect(eventOf(entry).data.raw).toEqual({ ID: 'C-17', EMAIL: 'ada@' });
  });

  it('gives the same entry the same id at any time', () => {
    const later = buildQuarantineMessage(badEmail, { ...options, now: '2030-01-01T00:00:00Z' });
    expect(later.id).toBe(buildQuarantineMessage(badEmail, options).id);
  });

  it.each([
    ['code', { code: 'INVALID_PHONE' }],
    ['raw record', { raw: 'C-17;Ada;ada@;' }],
    ['location', { location: { file: 'customers-2024-05-01.csv', line: 19 } }],
    ['external id', { externalId: 'C-18' }],
    ['connector', { connector: 'erp-sql' }],
  ] as const)('gives a different id when the %s differs', (_, change) => {
    const other = buildQuarantineMessage({ ...badEmail, ...change }, options);
    expect(other.id).not.toBe(buildQuarantineMessage(badEmail, options).id);
  });
});
