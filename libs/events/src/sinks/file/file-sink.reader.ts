import { readFile } from 'node:fs/promises';
import { EventsError, EventsErrorCode } from '../../events-error';
import { fileSinkTopicPath, type FileSinkRecord } from './file-event.sink';

/** Every record of a topic file in order; an empty list when nothing was published yet. */
export async function readFileSinkTopic(
  directory: string,
  topic: string,
): Promise<FileSinkRecord[]> {
  const path = fileSinkTopicPath(directory, topic);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error: unknown) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') {
      return [];
    }
    throw error;
  }
  const records: FileSinkRecord[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    try {
      records.push(JSON.parse(line) as FileSinkRecord);
    } catch (error: unknown) {
      // Only the last line can be torn (a crash mid-append); the sink cuts it on its next write.
      if (index === lines.length - 1) break;
      throw new EventsError(
        EventsErrorCode.InvalidMessage,
        `${path}:${index + 1} is not a JSON line`,
        { path, line: index + 1 },
        { cause: error },
      );
    }
  }
  return records;
}
