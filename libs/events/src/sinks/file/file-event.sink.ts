import { open, mkdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { EventsError, EventsErrorCode } from '../../events-error';
import { type EventSink, type StoredOutboxMessage } from '../../outbox/outbox-message';

export interface FileEventSinkOptions {
  /** Folder of the NDJSON files, created when missing. */
  directory: string;
}

/** One line of a topic file. */
export interface FileSinkRecord {
  key: string;
  headers: Record<string, string>;
  /** The message value as JSON (a CloudEvent, a golden record), or null for a tombstone. */
  value: unknown;
}

/** File of a topic: `<directory>/<topic>.ndjson`. */
export function fileSinkTopicPath(directory: string, topic: string): string {
  return join(directory, `${topic}.ndjson`);
}

/** errno codes after which the same write may succeed later. */
const TEMPORARY_ERRNO = new Set(['ENOSPC', 'EDQUOT', 'EAGAIN', 'EBUSY', 'EMFILE', 'ENFILE', 'EIO']);

/**
 * The embedded sink: appends one JSON line per message to one file per topic and fsyncs
 * before resolving, so an acknowledged batch survives a crash. A crash mid-batch can leave
 * a torn last line; it is cut off before the next append (the relay republishes that batch,
 * since it was never acknowledged). Checked before every append, not once per process: the
 * CLI and the service relay to one folder in turn, and either may have been killed mid-write.
 */
export class FileEventSink implements EventSink {
  private readonly directory: string;
  /** Files whose directory entry this process has made durable. */
  private readonly synced = new Set<string>();
  private directoryReady = false;
  private closed = false;

  constructor(options: FileEventSinkOptions) {
    this.directory = options.directory;
  }

  async publish(messages: readonly StoredOutboxMessage[]): Promise<void> {
    if (this.closed) {
      throw new EventsError(EventsErrorCode.SinkClosed, 'File event sink is closed');
    }
    if (messages.length === 0) return;
    const linesByTopic = new Map<string, string[]>();
    for (const message of messages) {
      const lines = linesByTopic.get(message.topic) ?? [];
      lines.push(toLine(message));
      linesByTopic.set(message.topic, lines);
    }
    try {
      await this.ensureDirectory();
      for (const [topic, lines] of linesByTopic) {
        await this.append(fileSinkTopicPath(this.directory, topic), lines.join(''));
      }
    } catch (error: unknown) {
      throw classifyFileError(error, this.directory);
    }
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private async ensureDirectory(): Promise<void> {
    if (this.directoryReady) return;
    await mkdir(this.directory, { recursive: true });
    this.directoryReady = true;
  }

  private async append(path: string, text: string): Promise<void> {
    const handle = await open(path, 'a+');
    try {
      await cutTornTail(handle);
      await handle.appendFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // A newly created file's directory entry must be durable too.
    if (!this.synced.has(path)) {
      await syncDirectory(this.directory);
      this.synced.add(path);
    }
  }
}

function toLine(message: StoredOutboxMessage): string {
  let value: unknown = null;
  if (message.value !== null) {
    try {
      value = JSON.parse(message.value);
    } catch (error: unknown) {
      throw new EventsError(
        EventsErrorCode.InvalidMessage,
        `Outbox message ${message.id} on ${message.topic} has a value that is not JSON`,
        { id: message.id, topic: message.topic },
        { cause: error },
      );
    }
  }
  const record: FileSinkRecord = { key: message.key, headers: message.headers, value };
  return `${JSON.stringify(record)}\n`;
}

/** Truncates a partial last line left by a crash, so every line in the file is whole. */
async function cutTornTail(handle: FileHandle): Promise<void> {
  const { size } = await handle.stat();
  if (size === 0) return;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  if (last[0] === 0x0a) return;
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (newline >= 0) {
      const keep = start + newline + 1;
      if (keep < size) await handle.truncate(keep);
      return;
    }
    end = start;
  }
  await handle.truncate(0);
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function classifyFileError(error: unknown, directory: string): EventsError {
  if (error instanceof EventsError) return error;
  const errno =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const code = TEMPORARY_ERRNO.has(errno)
    ? EventsErrorCode.SinkUnavailable
    : EventsErrorCode.SinkFailed;
  const message = error instanceof Error ? error.message : String(error);
  return new EventsError(
    code,
    `File event sink in ${directory} failed: ${message}`,
    { errno },
    {
      cause: error,
    },
  );
}
