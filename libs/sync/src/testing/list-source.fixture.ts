import {
  type Checkpoint,
  type RawSourceRecord,
  type ReadRequest,
  type SourceConnector,
  type SourcePage,
} from '@crosswalk/connectors';
import { type CustomerFactsInput, normaliseFacts } from '@crosswalk/model';
import { type RecordMapper } from '../page/record-mapper';
import { type ConnectorRunTarget } from '../run/connector-run';

/**
 * A source held in memory for integration specs: it serves `rows` in pages from a position
 * checkpoint. Each payload carries canonical input (`facts`) and the phone region (`region`).
 */
export class ListSource implements SourceConnector {
  readonly type = 'list';

  constructor(
    readonly name: string,
    public rows: RawSourceRecord[] = [],
  ) {}

  discover() {
    return Promise.resolve([{ name: 'customers', fields: [{ name: 'facts' }] }]);
  }

  async *read(request: ReadRequest): AsyncIterable<SourcePage> {
    let position = Number(request.checkpoint?.['position'] ?? 0);
    while (position < this.rows.length) {
      const records = this.rows.slice(position, position + request.pageSize);
      position += records.length;
      const checkpoint: Checkpoint = { position };
      yield await Promise.resolve({ records, rejected: [], checkpoint });
    }
  }

  acknowledge(): Promise<void> {
    return Promise.resolve();
  }

  close() {
    return Promise.resolve();
  }

  /** A run target; rows hold canonical input unless another mapper is given. */
  target(pageSize = 500, mapper: RecordMapper = canonicalInputMapper): ConnectorRunTarget {
    return { name: this.name, pageSize, connector: this, mapper };
  }
}

const canonicalInputMapper: RecordMapper = {
  map: (_object, payload) => {
    const region = typeof payload['region'] === 'string' ? payload['region'] : 'SE';
    const { facts, issues } = normaliseFacts(payload['facts'] as CustomerFactsInput, {
      defaultRegion: region,
    });
    const errors = issues.filter((issue) => issue.severity === 'error');
    return errors.length === 0
      ? { ok: true, facts }
      : {
          ok: false,
          problems: errors.map((issue) => ({ code: issue.code, message: issue.message })),
        };
  },
};

/** One source row of canonical input. */
export function factsRow(
  externalId: string,
  facts: CustomerFactsInput,
  object = 'customers',
  region = 'SE',
): RawSourceRecord {
  return { object, externalId, payload: { facts, region }, deleted: false };
}
