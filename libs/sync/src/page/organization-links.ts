import { type SourceObservation } from '@crosswalk/model';
import {
  buildOrganizationDirectory,
  directoryFromKeys,
  isOrganizationIdentifierKey,
  liveDirectoryHolders,
  organizationFor,
  organizationLookupKeys,
  type OrganizationDirectory,
  type ReconcileResult,
  withOrganizationLink,
} from '@crosswalk/reconcile';
import { type StoreTransaction } from '@crosswalk/store';

/**
 * The organizations the page's persons can name, as the key index knows them (organizations
 * stored before this page).
 */
export async function indexedOrganizations(
  tx: StoreTransaction,
  observations: readonly SourceObservation[],
): Promise<OrganizationDirectory> {
  const keys = observations.flatMap((observation) => organizationLookupKeys(observation.facts));
  if (keys.length === 0) return directoryFromKeys(new Map());
  const holders = await tx.matchKeys.findHolders(keys);
  const byIdentifier = new Set(
    [...holders]
      .filter(([key]) => isOrganizationIdentifierKey(key))
      .flatMap(([, customerIds]) => customerIds),
  );
  const organizations =
    byIdentifier.size === 0 ? [] : await tx.customers.findByIds([...byIdentifier]);
  return directoryFromKeys(liveDirectoryHolders(holders, organizations));
}

/**
 * Each person's facts with `organization.customerId` resolved against the directory; the
 * same array when nothing changed.
 */
export function linkPersons(
  observations: readonly SourceObservation[],
  directory: OrganizationDirectory,
): readonly SourceObservation[] {
  let changed = false;
  const linked = observations.map((observation) => {
    if (observation.facts.kind !== 'person' || observation.deleted) return observation;
    const facts = withOrganizationLink(
      observation.facts,
      organizationFor(observation.facts, directory),
    );
    if (facts === observation.facts) return observation;
    changed = true;
    return { ...observation, facts };
  });
  return changed ? linked : observations;
}

/**
 * The index's directory with the page's own organizations added, as reconciliation left them
 * (an organization and its contacts often arrive in one page), absorbed ids followed to
 * their survivors.
 */
export function withPageOrganizations(
  indexed: OrganizationDirectory,
  result: ReconcileResult,
): OrganizationDirectory {
  const survivor = new Map(result.absorbed.map((entry) => [entry.id, entry.mergedInto]));
  const resolve = (id: string): string => {
    let current = id;
    for (let next = survivor.get(current); next !== undefined; next = survivor.get(current)) {
      current = next;
    }
    return current;
  };
  const page = buildOrganizationDirectory(
    result.clusters
      .filter((cluster) => cluster.golden.kind === 'organization' && !cluster.golden.deleted)
      .map((cluster) => ({ customerId: cluster.golden.id, facts: cluster.golden })),
  );
  const join = (
    stored: ReadonlyMap<string, readonly string[]>,
    fresh: ReadonlyMap<string, readonly string[]>,
  ): Map<string, string[]> => {
    const joined = new Map<string, string[]>();
    for (const source of [stored, fresh]) {
      for (const [key, ids] of source) {
        const all = new Set([...(joined.get(key) ?? []), ...ids.map(resolve)]);
        joined.set(key, [...all].sort());
      }
    }
    return joined;
  };
  return {
    byIdentifier: join(indexed.byIdentifier, page.byIdentifier),
    byDomain: join(indexed.byDomain, page.byDomain),
    byName: join(indexed.byName, page.byName),
  };
}
