import { Injectable } from '@nestjs/common';
import { RecordStore } from '../data/record-store.service';
import { QueryExecutor } from '../soql/query-executor.service';
import { dataPath } from './api-version';
import { type QueryCursor, QueryCursorRegistry } from './query-cursor.registry';
import { type RestRecord, toRestRecord } from './sobject-record.mapper';

export interface QueryResultPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: RestRecord[];
}

const DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH_SIZE = 200;

/** REST query, queryAll and queryMore over open cursors. */
@Injectable()
export class QueryService {
  constructor(
    private readonly executor: QueryExecutor,
    private readonly store: RecordStore,
    private readonly cursors: QueryCursorRegistry,
  ) {}

  query(
    owner: string,
    version: string,
    soql: string,
    includeDeleted: boolean,
    queryOptions?: string,
  ): QueryResultPage {
    const query = this.executor.prepare(soql);
    if (!query.fields) {
      return { totalSize: this.executor.count(query, { includeDeleted }), done: true, records: [] };
    }
    const indexes = this.executor.run(query, { includeDeleted });
    const cursor = this.cursors.open(owner, query, indexes, batchSizeFrom(queryOptions));
    return this.page(cursor, 0, version);
  }

  queryMore(version: string, locator: string): QueryResultPage {
    const { cursor, offset } = this.cursors.resolve(locator);
    return this.page(cursor, offset, version);
  }

  private page(cursor: QueryCursor, offset: number, version: string): QueryResultPage {
    const { schema, fields } = cursor.query;
    const end = Math.min(cursor.indexes.length, offset + cursor.batchSize);
    const records = cursor.indexes
      .slice(offset, end)
      .map((index) =>
        toRestRecord(
          schema,
          fields ?? [],
          this.store.values(schema, index),
          this.store.idAt(schema, index),
          version,
        ),
      );
    const done = end >= cursor.indexes.length;
    return {
      totalSize: cursor.indexes.length,
      done,
      ...(done
        ? {}
        : {
            nextRecordsUrl: `${dataPath(version)}/query/${QueryCursorRegistry.locator(cursor, end)}`,
          }),
      records,
    };
  }
}

/** `Sforce-Query-Options: batchSize=N`: a request Salesforce honours within 200..2000. */
function batchSizeFrom(header: string | undefined): number {
  const match = header ? /batchSize\s*=\s*(\d+)/i.exec(header) : null;
  if (!match) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(match[1])));
}
