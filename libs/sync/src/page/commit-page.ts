import { type Checkpoint } from '@crosswalk/connectors';
import {
  buildCustomerChangeMessages,
  buildQuarantineMessage,
  publishedCount,
  connectorEventSource,
  type EnvelopeOptions,
} from '@crosswalk/events';
import { type SourceObservation, sourceKeyString } from '@crosswalk/model';
import {
  type CustomerCluster,
  type FieldOverride,
  type Matcher,
  type PairDecision,
  type ReconcileResult,
  type SurvivorshipPolicy,
  clusterKeysOf,
  DEFAULT_CANDIDATE_PAIR_OPTIONS,
  isBlockingKey,
  isSourceMatchKey,
  organizationDirectoryKeys,
  reconcile,
} from '@crosswalk/reconcile';
import { type CustomerLink, type StoreTransaction } from '@crosswalk/store';
import { type RunCounts, emptyRunCounts } from '../run/run-counts';
import { type StageClock } from '../run/stage-clock';
import { contentHash } from './content-hash';
import { indexedOrganizations, linkPersons, withPageOrganizations } from './organization-links';
import { type PreparedPage, type PreparedRecord } from './prepare-page';

export interface PageContext {
  connector: string;
  runId: string;
  policy: SurvivorshipPolicy;
  /** The run's matcher: its keys index the customers and find the candidates. */
  matcher: Matcher;
  now: string;
  /** Counts the page's reconciliation time; the caller counts the rest of the page. */
  clock: StageClock;
}

/**
 * Everything one page does, inside one transaction (invariant 1): replica, golden records,
 * links, match keys, outbox rows, quarantine and the checkpoint commit together.
 */
export async function commitPage(
  tx: StoreTransaction,
  context: PageContext,
  page: PreparedPage,
  checkpoint: Checkpoint | null,
): Promise<RunCounts> {
  const records = [...page.records, ...(await deletedFromReplica(tx, context, page))];
  const counts = emptyRunCounts();
  const envelope = { source: connectorEventSource(context.connector), now: context.now };
  counts.read = page.records.length + page.deletions.length + page.quarantine.length;
  counts.quarantined = page.quarantine.length;

  const states = await tx.sourceRecords.findStates(records.map((record) => record.observation));
  const changed = records.filter(
    (record) => states.get(sourceKeyString(record.observation))?.contentHash !== record.contentHash,
  );
  counts.unchanged = records.length - changed.length;

  if (changed.length > 0) {
    await tx.lockGoldenRecords();
    const result = await reconcileChanged(tx, context, changed);
    for (const outcome of result.outcomes) counts[outcome.outcome] += 1;
    counts.reviews = result.reviews.length;
    const messages = context.clock.time('reconcile', () =>
      result.changes.flatMap((change) => buildCustomerChangeMessages(change, envelope)),
    );
    await tx.outbox.append(messages, context.now);
    counts.events += publishedCount(messages);
  }

  if (page.quarantine.length > 0) await quarantineNew(tx, context, page, envelope);

  if (checkpoint !== null) {
    await tx.checkpoints.save(context.connector, checkpoint, context.runId, context.now);
  }
  return counts;
}

/**
 * Quarantines the page's rejects. A record already quarantined as it is now (a re-read inside
 * an overlap window, a file read again) has the same deterministic event id: it is not stored
 * or published twice.
 */
async function quarantineNew(
  tx: StoreTransaction,
  context: PageContext,
  page: PreparedPage,
  envelope: EnvelopeOptions,
): Promise<void> {
  const drafts = page.quarantine.map((draft) => {
    const entry = {
      ...draft,
      runId: context.runId,
      location: draft.location ? { ...draft.location } : null,
      createdAt: context.now,
    };
    return { entry, message: buildQuarantineMessage(entry, envelope) };
  });
  const known = await tx.outbox.findExistingEventIds(drafts.map(({ message }) => message.id));
  const fresh = [...new Map(drafts.map((draft) => [draft.message.id, draft])).values()].filter(
    ({ message }) => !known.has(message.id),
  );
  if (fresh.length === 0) return;
  await tx.quarantine.add(fresh.map(({ entry }) => entry));
  await tx.outbox.append(
    fresh.map(({ message }) => message),
    context.now,
  );
}

/**
 * Deletions known only by key (a purged record, the full id diff) apply to the replica's copy,
 * observed now; records the replica never had need nothing.
 */
async function deletedFromReplica(
  tx: StoreTransaction,
  context: PageContext,
  page: PreparedPage,
): Promise<PreparedRecord[]> {
  if (page.deletions.length === 0) return [];
  const stored = await tx.sourceRecords.findRecords(page.deletions);
  return stored.map(({ observation, payload }) => ({
    observation: { ...observation, deleted: true, observedAt: context.now },
    payload,
    contentHash: contentHash(payload, true),
  }));
}

async function reconcileChanged(
  tx: StoreTransaction,
  context: PageContext,
  changed: readonly PreparedRecord[],
): Promise<ReconcileResult> {
  const { clusters, decisions, overrides } = await loadNeighbourhood(
    tx,
    context.matcher,
    changed.map((record) => record.observation),
  );
  // Clusters are read before the replica is written: they must show the members as they were.
  const previousCustomer = customerOfMembers(clusters);

  const run = (observations: readonly SourceObservation[]): ReconcileResult =>
    context.clock.time('reconcile', () =>
      reconcile({
        clusters,
        observations: [...observations],
        policy: context.policy,
        now: context.now,
        matcher: context.matcher,
        decisions,
        overrides,
      }),
    );
  // Persons are linked to their organization before reconciliation, so the link is part of
  // the facts survivorship reads; organizations that arrive in this page count too (a second
  // pass, only when one of them links a person).
  const indexed = await indexedOrganizations(
    tx,
    changed.map((record) => record.observation),
  );
  let observations = linkPersons(
    changed.map((record) => record.observation),
    indexed,
  );
  let result = run(observations);
  const relinked = linkPersons(observations, withPageOrganizations(indexed, result));
  if (relinked !== observations) {
    observations = relinked;
    result = run(observations);
  }

  await tx.sourceRecords.save(
    changed.map((record, index) => ({
      observation: observations[index] ?? record.observation,
      payload: record.payload,
      contentHash: record.contentHash,
      runId: context.runId,
      seenAt: context.now,
    })),
  );
  await saveReconcileResult(tx, context, result, previousCustomer);
  return result;
}

/**
 * Everything reconciliation may touch for these records: the customers they belong to, those
 * sharing a key with them, those holding a record a person said is the same, the remembered
 * decisions about all their members, and the customers' pinned values.
 */
export async function loadNeighbourhood(
  tx: StoreTransaction,
  matcher: Matcher,
  observations: readonly SourceObservation[],
): Promise<{
  clusters: CustomerCluster[];
  decisions: PairDecision[];
  overrides: Map<string, FieldOverride[]>;
}> {
  const linked = await tx.links.findCustomerIds(observations);
  const candidateIds = new Set(linked.values());
  // A record's own customer comes from its link; the index holds no `src:` keys.
  const holders = await tx.matchKeys.findHolders(
    observations.flatMap((observation) =>
      matcher.keysOf(observation.facts, observation).filter((key) => !isSourceMatchKey(key)),
    ),
  );
  for (const [key, ids] of holders) {
    // A blocking key shared by a crowd says little and would load the crowd (the batch
    // path skips such blocks too); keys that link outright are always followed.
    if (isBlockingKey(key) && ids.length > DEFAULT_CANDIDATE_PAIR_OPTIONS.maxBlockSize) continue;
    for (const id of ids) candidateIds.add(id);
  }
  const own = await tx.decisions.findInvolving(observations);
  const partners = own
    .filter((decision) => decision.verdict === 'same')
    .flatMap((decision) => [decision.left, decision.right]);
  if (partners.length > 0) {
    for (const id of (await tx.links.findCustomerIds(partners)).values()) candidateIds.add(id);
  }

  const clusters = await loadClusters(tx, [...candidateIds]);
  const members = clusters.flatMap((cluster) => cluster.members);
  const decisions =
    own.length === 0 && members.length === 0
      ? own
      : await tx.decisions.findInvolving([...observations, ...members]);
  const overrides = await tx.overrides.findFor(clusters.map((cluster) => cluster.golden.id));
  return { clusters, decisions, overrides };
}

/**
 * Writes what reconciliation decided: golden records, absorbed ids, moved links, pins of the
 * absorbed, the key index, and the review queue. Shared by sync pages and curation commands.
 */
export async function saveReconcileResult(
  tx: StoreTransaction,
  context: Pick<PageContext, 'matcher' | 'now'>,
  result: ReconcileResult,
  previousCustomer: ReadonlyMap<string, string>,
  /** Why members that already had a customer moved: a merge, or a split cutting them out. */
  moved: 'merge' | 'split' = 'merge',
): Promise<void> {
  await tx.customers.save(result.clusters.map((cluster) => cluster.golden));
  await tx.customers.markMerged(result.absorbed, context.now);
  await tx.links.save(movedLinks(result, previousCustomer, moved), context.now);
  if (result.absorbed.length > 0) {
    await tx.overrides.moveTo(result.absorbed);
    await tx.reviews.supersedeInvolving(
      result.absorbed.map((entry) => entry.id),
      context.now,
    );
  }
  if (result.reviews.length > 0) await tx.reviews.propose(result.reviews, context.now);

  // Deleted members keep their keys: a re-created record finds its customer again.
  // Organizations are also indexed under their directory keys, so persons can find them.
  const keysByCustomer = new Map<string, string[]>(
    result.clusters.map((cluster) => [cluster.golden.id, indexKeysOf(cluster, context.matcher)]),
  );
  for (const absorbed of result.absorbed) keysByCustomer.set(absorbed.id, []);
  await tx.matchKeys.replace(keysByCustomer);
}

/** Customer id per member (source key string): where each record was before a change. */
export function customerOfMembers(clusters: readonly CustomerCluster[]): Map<string, string> {
  const customerOf = new Map<string, string>();
  for (const cluster of clusters) {
    for (const member of cluster.members)
      customerOf.set(sourceKeyString(member), cluster.golden.id);
  }
  return customerOf;
}

/**
 * Every key a customer is stored under: its members' match keys except their `src:` keys (the
 * links say which customer holds a record) and, for a live organization, its directory keys.
 */
export function indexKeysOf(cluster: CustomerCluster, matcher: Matcher): string[] {
  const keys = clusterKeysOf(cluster, matcher).filter((key) => !isSourceMatchKey(key));
  if (cluster.golden.kind !== 'organization' || cluster.golden.deleted) return keys;
  return [...new Set([...keys, ...organizationDirectoryKeys(cluster.golden)])].sort();
}

export async function loadClusters(
  tx: StoreTransaction,
  ids: string[],
): Promise<CustomerCluster[]> {
  if (ids.length === 0) return [];
  const goldens = await tx.customers.findByIds(ids);
  const members = await tx.sourceRecords.findMembersOf(goldens.map((golden) => golden.id));
  const byCustomer = new Map<string, CustomerCluster>(
    goldens.map((golden) => [golden.id, { golden, members: [] }]),
  );
  for (const member of members) byCustomer.get(member.customerId)?.members.push(member.observation);
  return [...byCustomer.values()];
}

/** Links for members that are new or moved to another customer (a merge), with their evidence. */
function movedLinks(
  result: ReconcileResult,
  previousCustomer: ReadonlyMap<string, string>,
  moved: 'merge' | 'split',
): CustomerLink[] {
  const evidence = new Map(
    result.outcomes.map((outcome) => [sourceKeyString(outcome.key), outcome.evidence]),
  );
  const links: CustomerLink[] = [];
  for (const cluster of result.clusters) {
    for (const member of cluster.members) {
      const key = sourceKeyString(member);
      const before = previousCustomer.get(key);
      if (before === cluster.golden.id) continue;
      links.push({
        key: { connector: member.connector, object: member.object, externalId: member.externalId },
        customerId: cluster.golden.id,
        evidence: {
          rule: before === undefined ? 'match' : moved,
          ...(before === undefined
            ? {}
            : moved === 'merge'
              ? { mergedFrom: before }
              : { splitFrom: before }),
          candidates: evidence.get(key) ?? [],
        },
      });
    }
  }
  return links;
}
