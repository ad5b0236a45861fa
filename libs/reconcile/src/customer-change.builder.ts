import { type GoldenRecord } from '@crosswalk/model';
import { diffGoldenRecords } from './diff/golden-record.diff';
import { type CustomerChange } from './reconcile.types';

/**
 * The one change to publish for a customer, comparing its final record with the one that came
 * in. Version 0 marks a record never published: nothing to announce until it is live.
 */
export function customerChangeOf(
  initial: GoldenRecord | null,
  golden: GoldenRecord,
  absorbed: readonly GoldenRecord[] = [],
): CustomerChange | null {
  const previous = initial !== null && initial.version > 0 ? initial : null;
  const publishedAbsorbed = absorbed.filter((record) => record.version > 0);
  if (publishedAbsorbed.length > 0) {
    return {
      type: 'merged',
      customer: golden,
      previous,
      absorbed: publishedAbsorbed,
      changes: diffGoldenRecords(previous, golden),
    };
  }
  if (golden === initial || golden.version === 0) return null;
  if (previous === null) return { type: 'created', customer: golden };
  if (golden.deleted) return { type: 'deleted', customer: golden, previous };
  return {
    type: 'updated',
    customer: golden,
    previous,
    changes: diffGoldenRecords(previous, golden),
  };
}
