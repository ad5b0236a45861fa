import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';

/** Same payload (whatever the key order) and deleted flag: same hash, nothing to do. */
export function contentHash(payload: Record<string, unknown>, deleted: boolean): string {
  return createHash('sha256')
    .update(stringify({ payload, deleted }) ?? '')
    .digest('hex');
}
