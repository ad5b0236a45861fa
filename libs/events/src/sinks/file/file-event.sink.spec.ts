import { mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventsErrorCode } from '../../events-error';
import { TOPICS, type StoredOutboxMessage, type TopicName } from '../../outbox/outbox-message';
import { FileEventSink, fileSinkTopicPath } from './file-event.sink';
import { readFileSinkTopic } from './file-sink.reader';

let sequence = 0;
function message(
  topic: TopicName,
  key: string,
  value: unknown,
  headers: Record<string, string> = {},
): StoredOutboxMessage {
  sequence += 1;
  return {
    id: `id-${sequence}`,
    sequence,
    topic,
    key,
    value: value === null ? null : JSON.stringify(value),
    headers,
  };
}

describe('FileEventSink', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'crosswalk-file-sink-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes one NDJSON line per message into one file per topic', async () => {
    const sink = new FileEventSink({ directory: join(directory, 'events') });
    await sink.publish([
      message(TOPICS.changes, 'c-1', { id: 'e-1', data: { name: 'Ada' } }, { ce_id: 'e-1' }),
      message(TOPICS.snapshot, 'c-1', { id: 'c-1' }, { 'content-type': 'application/json' }),
      message(TOPICS.snapshot, 'c-2', null),
    ]);
    const changes = await readFile(
      fileSinkTopicPath(join(directory, 'events'), TOPICS.changes),
      'utf8',
    );
    expect(changes).toBe(
      '{"key":"c-1","headers":{"ce_id":"e-1"},"value":{"id":"e-1","data":{"name":"Ada"}}}\n',
    );
    await expect(readFileSinkTopic(join(directory, 'events'), TOPICS.snapshot)).resolves.toEqual([
      { key: 'c-1', headers: { 'content-type': 'application/json' }, value: { id: 'c-1' } },
      { key: 'c-2', headers: {}, value: null },
    ]);
    await expect(readFileSinkTopic(join(directory, 'events'), TOPICS.quarantine)).resolves.toEqual(
      [],
    );
  });

  it('appends batches in order, across sink instances', async () => {
    const first = new FileEventSink({ directory });
    await first.publish([
      message(TOPICS.changes, 'a', { n: 1 }),
      message(TOPICS.changes, 'b', { n: 2 }),
    ]);
    await first.close();
    const second = new FileEventSink({ directory });
    await second.publish([message(TOPICS.changes, 'a', { n: 3 })]);
    await second.publish([message(TOPICS.changes, 'a', { n: 4 })]);
    const records = await readFileSinkTopic(directory, TOPICS.changes);
    expect(records.map((r) => [r.key, r.value])).toEqual([
      ['a', { n: 1 }],
      ['b', { n: 2 }],
      ['a', { n: 3 }],
      ['a', { n: 4 }],
    ]);
  });

  it('keeps a value that spans lines on one line', async () => {
    const sink = new FileEventSink({ directory });
    await sink.publish([
      { ...message(TOPICS.changes, 'a', null), value: '{\n  "note": "two\\nlines"\n}' },
    ]);
    const text = await readFile(fileSinkTopicPath(directory, TOPICS.changes), 'utf8');
    expect(text.split('\n')).toHaveLength(2);
    expect(JSON.parse(text)).toMatchObject({ value: { note: 'two\nlines' } });
  });

  it('cuts a line torn by a crash before appending', async () => {
    const path = fileSinkTopicPath(directory, TOPICS.changes);
    await writeFile(path, '{"key":"a","headers":{},"value":{"n":1}}\n');
    await appendFile(path, '{"key":"a","headers":{},"val');
    await expect(readFileSinkTopic(directory, TOPICS.changes)).resolves.toHaveLength(1);
    const sink = new FileEventSink({ directory });
    await sink.publish([message(TOPICS.changes, 'a', { n: 2 })]);
    expect(await readFile(path, 'utf8')).toBe(
      '{"key":"a","headers":{},"value":{"n":1}}\n{"key":"a","headers":{},"value":{"n":2}}\n',
    );
  });

  it('cuts a line another process tore after this sink had written to the file', async () => {
    // The service and a `crosswalk sync` relay to one folder in turn; the CLI was killed mid-write.
    const path = fileSinkTopicPath(directory, TOPICS.changes);
    const service = new FileEventSink({ directory });
    await service.publish([message(TOPICS.changes, 'a', { n: 1 })]);
    await appendFile(path, '{"key":"b","headers":{},"val');
    await service.publish([message(TOPICS.changes, 'c', { n: 3 })]);
    expect(await readFile(path, 'utf8')).toBe(
      '{"key":"a","headers":{},"value":{"n":1}}\n{"key":"c","headers":{},"value":{"n":3}}\n',
    );
    await expect(readFileSinkTopic(directory, TOPICS.changes)).resolves.toHaveLength(2);
  });

  it('cuts a file that holds only a torn line', async () => {
    const path = fileSinkTopicPath(directory, TOPICS.changes);
    await writeFile(path, '{"key":"a","hea');
    await new FileEventSink({ directory }).publish([message(TOPICS.changes, 'b', { n: 1 })]);
    expect(await readFile(path, 'utf8')).toBe('{"key":"b","headers":{},"value":{"n":1}}\n');
  });

  it('refuses a value that is not JSON and writes nothing of the batch', async () => {
    const sink = new FileEventSink({ directory });
    const good = message(TOPICS.changes, 'a', { n: 1 });
    const bad = { ...message(TOPICS.changes, 'b', null), value: 'not json' };
    await expect(sink.publish([good, bad])).rejects.toMatchObject({
      code: EventsErrorCode.InvalidMessage,
    });
    await expect(readFileSinkTopic(directory, TOPICS.changes)).resolves.toEqual([]);
  });

  it('reports a directory it cannot create as a fatal sink error', async () => {
    const blocker = join(directory, 'a-file');
    await writeFile(blocker, 'x');
    const sink = new FileEventSink({ directory: join(blocker, 'events') });
    const publishing = sink.publish([message(TOPICS.changes, 'a', { n: 1 })]);
    await expect(publishing).rejects.toMatchObject({ code: EventsErrorCode.SinkFailed });
    await expect(publishing).rejects.toHaveProperty('temporary', false);
  });

  it('refuses to publish once closed', async () => {
    const sink = new FileEventSink({ directory });
    await sink.close();
    await expect(sink.publish([message(TOPICS.changes, 'a', { n: 1 })])).rejects.toMatchObject({
      code: EventsErrorCode.SinkClosed,
    });
  });

  it('refuses a torn line in the middle of a file when reading', async () => {
    await writeFile(fileSinkTopicPath(directory, TOPICS.changes), '{"key":\n{"key":"a"}\n');
    await expect(readFileSinkTopic(directory, TOPICS.changes)).rejects.toMatchObject({
      code: EventsErrorCode.InvalidMessage,
    });
  });
});
