import { type CustomerCluster, type Matcher } from '../reconcile.types';
import { DeterministicMatcher } from './deterministic.matcher';

/**
 * Every key a customer must be indexed under: the keys of all its members, deleted ones
 * included. Reconciliation links on deleted members' keys too (a deleted-then-recreated
 * source record finds its customer again, and the result does not depend on arrival order),
 * so an index that left them out would miss candidates. Sorted, without duplicates.
 */
export function clusterKeysOf(
  cluster: CustomerCluster,
  matcher: Matcher = new DeterministicMatcher(),
): string[] {
  const keys = new Set<string>();
  for (const member of cluster.members) {
    for (const key of matcher.keysOf(member.facts, member)) keys.add(key);
  }
  return [...keys].sort();
}
