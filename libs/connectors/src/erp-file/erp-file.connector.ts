import { join, resolve } from 'node:path';
import {
  type Checkpoint,
  type ConnectorContext,
  type RawSourceRecord,
  type ReadRequest,
  type RejectedRecord,
  type SourceConnector,
  type SourceObjectDescription,
  type SourcePage,
} from '../port/connector.port';
import { ConnectorError, ConnectorErrorCode, RecordRejectCode } from '../port/connector-error';
import { type ByteLine, readByteLines } from './byte-line.reader';
import { parseCsvRecords } from './csv-record.parser';
import { type DroppedFile, DropFolder } from './drop-folder';
import {
  type CurrentFile,
  type ErpFileCheckpoint,
  type FinishedFile,
  parseErpFileCheckpoint,
  toCheckpoint,
} from './erp-file.checkpoint';
import { type ErpFileConnectorOptions } from './erp-file.options';
import { type FileItem } from './file-item';
import { parseFixedWidthRecords } from './fixed-width-record.parser';

export const ERP_FILE_CONNECTOR_TYPE = 'erp-file';

/** File-level reject codes of this connector, beside the port's RecordRejectCode. */
export enum ErpFileRejectCode {
  Unreadable = 'FILE_UNREADABLE',
  BadHeader = 'FILE_HEADER',
}

/** File-system failures that will not heal by retrying: the file goes to failed/. */
const PERMANENT_READ_ERRORS = new Set(['EACCES', 'EPERM', 'EISDIR', 'ENOENT']);

type Step = { item?: FileItem; error?: { code: string; reason: string } };

/**
 * Reads CSV or fixed-width exports from a drop folder, one file at a time in name order.
 * A file is known by its SHA-256: the checkpoint lists every finished file and the position
 * inside the current one, so a restart resumes mid-file and a re-dropped file is refused.
 */
export class ErpFileConnector implements SourceConnector {
  readonly type = ERP_FILE_CONNECTOR_TYPE;
  /** The file list and position live in the read; acknowledge only moves finished files. */
  readonly readAhead = true;
  readonly name: string;
  private readonly options: ErpFileConnectorOptions;
  private readonly folder: DropFolder;

  constructor(private readonly context: ConnectorContext<ErpFileConnectorOptions>) {
    this.name = context.name;
    this.options = context.options;
    const drop = resolve(context.baseDir, this.options.dropFolder);
    this.folder = new DropFolder(
      drop,
      resolve(context.baseDir, this.options.processedFolder ?? join(drop, 'processed')),
      resolve(context.baseDir, this.options.failedFolder ?? join(drop, 'failed')),
      this.options.filePattern,
    );
  }

  async discover(): Promise<SourceObjectDescription[]> {
    const fields = this.declaredColumns() ?? (await this.headerOfFirstFile()) ?? [];
    return [
      { name: this.options.object, fields: fields.map((name) => ({ name, type: 'string' })) },
    ];
  }

  async *read(request: ReadRequest): AsyncGenerator<SourcePage> {
    let state = parseErpFileCheckpoint(request.checkpoint);
    await this.moveFinishedFiles(state);
    const files = await this.waitingFiles(state);
    if (state.current && !files.some((file) => file.checksum === state.current?.checksum)) {
      this.context.logger.warn(
        `file ${state.current.name} was being read but is no longer in the drop folder`,
      );
      state = { ...state, current: null };
    }
    let done = 0;
    for (const file of files) {
      for await (const page of this.readFile(file, state, request)) {
        state = parseErpFileCheckpoint(page.checkpoint);
        done += page.records.length + page.rejected.length;
        yield { ...page, progress: { done } };
      }
    }
  }

  async acknowledge(checkpoint: Checkpoint): Promise<void> {
    await this.moveFinishedFiles(parseErpFileCheckpoint(checkpoint));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Moves files the checkpoint marks finished that still wait in the drop folder. A file is
   * moved only if the target folder does not hold it yet: one that does means the move
   * already happened and the waiting file was dropped again.
   */
  private async moveFinishedFiles(state: ErpFileCheckpoint): Promise<void> {
    const waiting = new Set(await this.folder.names());
    // A file of the name being read is today's export, not the finished one of that name.
    if (state.current) waiting.delete(state.current.name);
    const latest = new Map<string, FinishedFile>();
    for (const file of state.files) if (waiting.has(file.name)) latest.set(file.name, file);
    for (const file of latest.values()) {
      if (await this.folder.isIn(file.outcome, file.name, file.checksum)) continue;
      const dropped = file.checksum === '' ? undefined : await this.folder.describe(file.name);
      if (file.checksum !== '' && dropped?.checksum !== file.checksum) continue;
      const reason =
        file.outcome === 'failed' ? `${file.code ?? ''}: ${file.reason ?? ''}` : undefined;
      const target = await this.folder.move(file.name, file.outcome, reason);
      this.context.logger.log(`moved ${file.name} to ${target}`);
    }
  }

  /** Waiting files in name order, the one being read first. */
  private async waitingFiles(state: ErpFileCheckpoint): Promise<DroppedFile[]> {
    const files: DroppedFile[] = [];
    for (const name of await this.folder.names()) {
      try {
        const file = await this.folder.describe(name);
        if (file) files.push(file);
      } catch (error) {
        if (!PERMANENT_READ_ERRORS.has((error as NodeJS.ErrnoException).code ?? '')) {
          throw this.temporary(name, error);
        }
        files.push({ name, path: join(this.folder.dropPath, name), size: -1, checksum: '' });
      }
    }
    const current = state.current;
    if (!current) return files;
    const index = files.findIndex(
      (file) => file.checksum === current.checksum && file.name === current.name,
    );
    const resumed = index >= 0 ? index : files.findIndex((f) => f.checksum === current.checksum);
    if (resumed <= 0) return files;
    return [files[resumed] as DroppedFile, ...files.filter((_, i) => i !== resumed)];
  }

  private async *readFile(
    file: DroppedFile,
    state: ErpFileCheckpoint,
    request: ReadRequest,
  ): AsyncGenerator<SourcePage> {
    const fail = (code: string, reason: string, current?: CurrentFile): SourcePage =>
      this.failedFilePage(file, state, code, reason, current);
    if (file.size < 0) {
      yield fail(ErpFileRejectCode.Unreadable, 'the file cannot be read');
      return;
    }
    const earlier = state.files.find(
      (done) => done.outcome === 'processed' && done.checksum === file.checksum,
    );
    if (earlier) {
      yield fail(
        RecordRejectCode.DuplicateFile,
        `same content (sha-256 ${file.checksum}) as ${earlier.name}, which was already taken`,
      );
      return;
    }
    if (file.size === 0) {
      yield fail(RecordRejectCode.EmptyFile, 'the file is empty');
      return;
    }

    const resumed = state.current?.checksum === file.checksum ? state.current : null;
    const current: CurrentFile = resumed
      ? { ...resumed }
      : { name: file.name, checksum: file.checksum, offset: 0, line: 0, records: 0, rejected: 0 };
    let columns = current.columns ?? this.declaredColumns();
    let needHeader = this.options.format === 'csv' && this.options.csv.header && current.line === 0;
    let sawContent = resumed !== null;

    const items = this.items(file.path, current)[Symbol.asyncIterator]();
    const next = async (): Promise<Step> => {
      try {
        const result = await items.next();
        return result.done ? {} : { item: result.value };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (!PERMANENT_READ_ERRORS.has(code)) throw this.temporary(file.name, error);
        return { error: { code: ErpFileRejectCode.Unreadable, reason: (error as Error).message } };
      }
    };

    let records: RawSourceRecord[] = [];
    let rejected: RejectedRecord[] = [];
    let step = await next();
    while (step.item) {
      const item = step.item;
      sawContent = true;
      current.offset = item.end.offset;
      current.line = item.end.line;
      if (needHeader) {
        needHeader = false;
        const header = this.headerColumns(item);
        if (typeof header === 'string') {
          yield fail(ErpFileRejectCode.BadHeader, header);
          return;
        }
        columns = this.declaredColumns() ?? header;
        if (!this.declaredColumns()) current.columns = header;
      } else {
        const outcome = this.toRecord(file.name, item, columns ?? []);
        if ('payload' in outcome) {
          records.push(outcome);
          current.records += 1;
        } else {
          rejected.push(outcome);
          current.rejected += 1;
        }
      }
      step = await next();
      if (step.item && records.length + rejected.length >= request.pageSize) {
        request.signal?.throwIfAborted();
        yield {
          records,
          rejected,
          checkpoint: toCheckpoint({ ...state, current: { ...current } }),
        };
        records = [];
        rejected = [];
      }
    }
    if (step.error) {
      const failed = fail(step.error.code, step.error.reason, current);
      yield { ...failed, records, rejected: [...rejected, ...failed.rejected] };
      return;
    }
    if (!sawContent) {
      yield fail(RecordRejectCode.EmptyFile, 'the file holds no records, only blank lines');
      return;
    }
    const finished: FinishedFile = {
      name: file.name,
      checksum: file.checksum,
      outcome: 'processed',
      records: current.records,
      rejected: current.rejected,
    };
    yield {
      records,
      rejected,
      checkpoint: toCheckpoint({ files: [...state.files, finished], current: null }),
    };
  }

  private items(path: string, from: CurrentFile): AsyncIterable<FileItem> {
    const lines = this.skipLeadingLines(readByteLines(path, from));
    const { encoding } = this.options;
    if (this.options.format === 'fixed-width') {
      if (!this.options.fixedWidth) {
        throw new ConnectorError(ConnectorErrorCode.Config, 'fixedWidth layout is missing');
      }
      return parseFixedWidthRecords(lines, this.options.fixedWidth, encoding);
    }
    return parseCsvRecords(lines, this.options.csv, encoding);
  }

  private async *skipLeadingLines(lines: AsyncIterable<ByteLine>): AsyncGenerator<ByteLine> {
    for await (const line of lines) if (line.number > this.options.skipLines) yield line;
  }

  private declaredColumns(): string[] | undefined {
    if (this.options.format === 'fixed-width') {
      return this.options.fixedWidth?.columns.map((column) => column.name);
    }
    return this.options.csv.columns;
  }

  /** Column names from a header record, or why they cannot serve. */
  private headerColumns(item: FileItem): string[] | string {
    if (item.kind === 'rejected') return `header row (line ${item.line}): ${item.reason}`;
    const names = item.values.map((value) => value.trim());
    const blank = names.findIndex((name) => name === '');
    if (blank >= 0) return `header row (line ${item.line}): column ${blank + 1} has no name`;
    const repeated = names.find((name, i) => names.indexOf(name) !== i);
    if (repeated) return `header row (line ${item.line}): column "${repeated}" appears twice`;
    const missing = this.options.idColumns.filter((id) => !names.includes(id));
    if (missing.length > 0 && !this.declaredColumns()) {
      return `header row (line ${item.line}) lacks the id column(s) ${missing.join(', ')}`;
    }
    return names;
  }

  private toRecord(
    fileName: string,
    item: FileItem,
    columns: string[],
  ): RawSourceRecord | RejectedRecord {
    const { object } = this.options;
    const location = { file: fileName, line: item.line };
    if (item.kind === 'rejected') {
      return { object, code: item.code, reason: item.reason, raw: item.raw, location };
    }
    const reject = (code: RecordRejectCode, reason: string): RejectedRecord => ({
      object,
      code,
      reason,
      raw: item.raw,
      location,
    });
    if (item.values.length !== columns.length) {
      return reject(
        RecordRejectCode.ColumnCount,
        `line ${item.line} has ${item.values.length} fields, the layout has ${columns.length}`,
      );
    }
    const values = this.options.trim ? item.values.map((value) => value.trim()) : item.values;
    const payload: Record<string, string> = {};
    columns.forEach((column, i) => (payload[column] = values[i] ?? ''));
    const ids = this.options.idColumns.map((column) => (payload[column] ?? '').trim());
    const empty = this.options.idColumns.filter((_, i) => ids[i] === '');
    if (empty.length > 0) {
      return reject(RecordRejectCode.MissingId, `id column(s) ${empty.join(', ')} empty`);
    }
    return { object, externalId: ids.join(':'), payload, deleted: false, location };
  }

  private failedFilePage(
    file: DroppedFile,
    state: ErpFileCheckpoint,
    code: string,
    reason: string,
    current?: CurrentFile,
  ): SourcePage {
    const finished: FinishedFile = {
      name: file.name,
      checksum: file.checksum,
      outcome: 'failed',
      records: current?.records ?? 0,
      rejected: (current?.rejected ?? 0) + 1,
      code,
      reason,
    };
    return {
      records: [],
      rejected: [
        {
          object: this.options.object,
          code,
          reason,
          raw: file.name,
          location: { file: file.name },
        },
      ],
      checkpoint: toCheckpoint({ files: [...state.files, finished], current: null }),
    };
  }

  private async headerOfFirstFile(): Promise<string[] | undefined> {
    if (this.options.format !== 'csv' || !this.options.csv.header) return undefined;
    for (const name of await this.folder.names()) {
      const start = { name, checksum: '', offset: 0, line: 0, records: 0, rejected: 0 };
      for await (const item of this.items(join(this.folder.dropPath, name), start)) {
        const header = this.headerColumns(item);
        if (typeof header !== 'string') return header;
        break;
      }
    }
    return undefined;
  }

  private temporary(fileName: string, error: unknown): ConnectorError {
    return new ConnectorError(
      ConnectorErrorCode.Temporary,
      `erp-file connector "${this.name}": cannot read ${fileName}: ${(error as Error).message}`,
      { file: fileName },
      { cause: error },
    );
  }
}
