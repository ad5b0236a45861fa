import { type Checkpoint } from '../port/connector.port';
import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';

/**
 * Keyset position: rows with a NULL watermark are read first by primary key (`nullsDone`
 * false), then every row after (watermark, lastId) in that order.
 */
export interface ErpSqlCheckpoint {
  nullsDone: boolean;
  /** The watermark of the last row read, as the server printed it (exact to the microsecond). */
  watermark: string | number | null;
  lastId: string | number | null;
}

const START: ErpSqlCheckpoint = { nullsDone: false, watermark: null, lastId: null };

const isKey = (value: unknown): value is string | number | null =>
  value === null || typeof value === 'string' || typeof value === 'number';

export function parseErpSqlCheckpoint(checkpoint: Checkpoint | null): ErpSqlCheckpoint {
  if (checkpoint === null) return START;
  const { nullsDone, watermark, lastId } = checkpoint;
  if (typeof nullsDone === 'boolean' && isKey(watermark) && isKey(lastId)) {
    return { nullsDone, watermark, lastId };
  }
  throw new ConnectorError(
    ConnectorErrorCode.CursorInvalid,
    'erp-sql checkpoint is not of the expected shape {nullsDone, watermark, lastId}',
  );
}
