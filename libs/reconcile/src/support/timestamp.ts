import { ReconcileErrorCode, ReconcileException } from '../reconcile.exception';

/** Milliseconds since the epoch of an ISO 8601 timestamp; refuses what is not one. */
export function timestampMs(value: string, what: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new ReconcileException(
      ReconcileErrorCode.InvalidTimestamp,
      `${what} "${value}" is not an ISO 8601 timestamp`,
      { what, value },
    );
  }
  return ms;
}
