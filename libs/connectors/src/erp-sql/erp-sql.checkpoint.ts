import { type Checkpoint } from '../port/connector.port';
import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';

/**
 * Keyset position. Every run first reads the rows whose watermark is NULL by primary key, from
 * after the last such row any run read (`nullsAfter`): a table whose rows get their watermark
 * only on update inserts them with none. Then every row after (watermark, lastId) in that
 * order. `nullsDone` says this run's NULL pass has ended.
 */
export interface ErpSqlCheckpoint {
  nullsDone: boolean;
  /** The id of the last NULL-watermark row read. */
  nullsAfter: string | number | null;
  /** The watermark of the last row read, as the server printed it (exact to the microsecond). */
  watermark: string | number | null;
  lastId: string | number | null;
}

const START: ErpSqlCheckpoint = {
  nullsDone: false,
  nullsAfter: null,
  watermark: null,
  lastId: null,
};

const isKey = (value: unknown): value is string | number | null =>
  value === null || typeof value === 'string' || typeof value === 'number';

export function parseErpSqlCheckpoint(checkpoint: Checkpoint | null): ErpSqlCheckpoint {
  if (checkpoint === null) return START;
  const { nullsDone, watermark, lastId } = checkpoint;
  if (typeof nullsDone === 'boolean' && isKey(watermark) && isKey(lastId)) {
    if (!('nullsAfter' in checkpoint)) return fromFirstShape(nullsDone, watermark, lastId);
    const { nullsAfter } = checkpoint;
    if (isKey(nullsAfter)) return { nullsDone, nullsAfter, watermark, lastId };
  }
  throw new ConnectorError(
    ConnectorErrorCode.CursorInvalid,
    'erp-sql checkpoint is not of the expected shape {nullsDone, nullsAfter, watermark, lastId}',
  );
}

/**
 * Checkpoints written before `nullsAfter`: during the NULL pass `lastId` was its position;
 * after it, where it ended is unknown, so the next run reads the NULL rows once again (found
 * unchanged, they publish nothing).
 */
function fromFirstShape(
  nullsDone: boolean,
  watermark: string | number | null,
  lastId: string | number | null,
): ErpSqlCheckpoint {
  return nullsDone
    ? { nullsDone, nullsAfter: null, watermark, lastId }
    : { nullsDone, nullsAfter: lastId, watermark: null, lastId: null };
}
