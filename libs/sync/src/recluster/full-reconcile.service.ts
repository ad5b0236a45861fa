import { RECLUSTER_EVENT_SOURCE } from '@crosswalk/events';
import {
  type GoldenRecord,
  type SourceKey,
  type SourceObservation,
  sourceKeyString,
} from '@crosswalk/model';
import {
  type BatchPairDecision,
  type CustomerChange,
  type CustomerCluster,
  linkBatch,
  MatchFeatureExtractor,
  type MatchModel,
  type PairDecision,
  planRecluster,
  type ReclusterPlan,
  rebuildCustomer,
  reconcile,
  splitCustomerId,
  buildOrganizationDirectory,
  isSourceMatchKey,
  organizationDirectoryKeys,
  organizationFor,
  withOrganizationLink,
} from '@crosswalk/reconcile';
import { type CrosswalkStore, type StoreTransaction } from '@crosswalk/store';
import { appendChangeMessages, writeSplit } from '../curation/customer-writes';
import { probabilisticMatcherOf } from '../match/matcher.resolver';
import { customerOfMembers, loadClusters, saveReconcileResult } from '../page/commit-page';
import { type SyncSettings } from '../run/sync-settings';

export interface FullReconcileOptions {
  /** Train a new match model even when one is stored. */
  retrain: boolean;
  /** Work out and report the changes without writing them. */
  dryRun: boolean;
}

export interface FullReconcileReport {
  records: number;
  customersBefore: number;
  customersAfter: number;
  merged: number;
  split: number;
  /**
   * Planned splits and merges that other writes (a sync, a person's curation) overtook while
   * this run worked: a split then cuts off only the records its customer still holds, and is
   * skipped when none are left to cut off; a merge whose first record is gone is skipped.
   */
  overtaken: number;
  reviewsProposed: number;
  modelVersion: number;
  trained: boolean;
  events: number;
  dryRun: boolean;
  seconds: number;
}

const READ_PAGE = 5_000;
/** Operations per transaction: large enough to amortise commits, small enough to keep locks short. */
const OPERATIONS_PER_TRANSACTION = 200;
const KEY_WRITE_BATCH = 2_000;
const ACTOR = 'crosswalk reconcile --full';

interface Replica {
  keys: SourceKey[];
  observations: SourceObservation[];
  customerOf: string[];
}

/**
 * `crosswalk reconcile --full`: re-clusters every live source record in the replica with the
 * probabilistic matcher (training a model first when none is stored or when asked), honours
 * remembered decisions, and writes the difference from the current customers as splits and
 * merges with their events. Then re-indexes every customer under the matcher's keys, so the
 * incremental path finds candidates through the same blocking rules.
 */
export class FullReconcileService {
  constructor(
    private readonly store: CrosswalkStore,
    private readonly settings: SyncSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async run(options: FullReconcileOptions): Promise<FullReconcileReport> {
    const started = Date.now();
    const now = this.clock().toISOString();
    const replica = await this.readReplica();
    const customersBefore = new Set(replica.customerOf).size;
    const index = new Map(replica.keys.map((key, position) => [sourceKeyString(key), position]));
    const decisions = await this.store.read.decisions.findAll();

    const stored = options.retrain ? null : await this.store.read.models.findActive();
    const extractor = new MatchFeatureExtractor();
    const features = replica.observations.map((observation) =>
      extractor.extract(observation.facts),
    );
    const linked = linkBatch(features, {
      ...(stored === null ? {} : { model: stored.model as MatchModel }),
      decisions: batchDecisions(decisions, index),
    });
    const plan = planRecluster({
      currentCustomer: replica.customerOf,
      clusterOf: linked.clusterOf,
      createdMs: await this.createdAtOfMerging(replica.customerOf, linked.clusterOf),
    });
    const customersAfter = new Set(linked.clusterOf).size;
    const base = {
      records: replica.keys.length,
      customersBefore,
      customersAfter,
      merged: plan.merges.length,
      split: plan.splits.length,
      overtaken: 0,
      trained: stored === null,
      dryRun: options.dryRun,
    };
    if (options.dryRun) {
      return {
        ...base,
        reviewsProposed: linked.reviewPairs.length,
        modelVersion: stored?.version ?? 0,
        events: 0,
        seconds: (Date.now() - started) / 1000,
      };
    }

    const modelVersion =
      stored?.version ??
      (await this.store.transaction((tx) =>
        tx.models.save({
          model: linked.model,
          trainedAt: now,
          trainedOn: replica.keys.length,
          metrics: {
            candidatePairs: linked.candidatePairs,
            linkedPairs: linked.linkedPairs,
            reviewPairs: linked.reviewPairs.length,
          },
        }),
      ));
    const model = stored === null ? linked.model : (stored.model as MatchModel);
    const matcher = probabilisticMatcherOf(model, this.settings.matching);
    const overtaken = { count: 0 };
    let events = await this.applySplits(plan, replica, matcher, now, overtaken);
    events += await this.applyMerges(plan, replica, matcher, now, overtaken);
    events += await this.linkPersonsToOrganizations(replica, now);
    const reviewsProposed = await this.proposeReviews(
      linked.reviewPairs,
      replica,
      matcher.name,
      now,
    );
    await this.reindex(matcher);
    return {
      ...base,
      overtaken: overtaken.count,
      reviewsProposed,
      modelVersion,
      events,
      seconds: (Date.now() - started) / 1000,
    };
  }

  /** Work on items in transactions of OPERATIONS_PER_TRANSACTION; returns the events written. */
  private async inTransactions<T>(
    items: readonly T[],
    work: (tx: StoreTransaction, batch: T[]) => Promise<number>,
  ): Promise<number> {
    let events = 0;
    for (const batch of chunks(items, OPERATIONS_PER_TRANSACTION)) {
      events += await this.store.reconcileTransaction((tx) => work(tx, batch));
    }
    return events;
  }

  /** Every live, linked source record, in key order. Deleted records stay where they are. */
  private async readReplica(): Promise<Replica> {
    const replica: Replica = { keys: [], observations: [], customerOf: [] };
    let after: SourceKey | null = null;
    for (;;) {
      const page = await this.store.read.sourceRecords.pageObservations(after, READ_PAGE);
      if (page.length === 0) return replica;
      for (const { customerId, observation } of page) {
        if (customerId === null || observation.deleted) continue;
        replica.keys.push(keyOf(observation));
        replica.observations.push(observation);
        replica.customerOf.push(customerId);
      }
      const last = page[page.length - 1];
      after = last === undefined ? null : keyOf(last.observation);
    }
  }

  /** createdAt of the customers a merge may join: the oldest survives, as in a sync. */
  private async createdAtOfMerging(
    customerOf: readonly string[],
    clusterOf: ArrayLike<number>,
  ): Promise<Map<string, number>> {
    const byCluster = new Map<number, Set<string>>();
    for (let position = 0; position < customerOf.length; position += 1) {
      const cluster = clusterOf[position] as number;
      const customers = byCluster.get(cluster) ?? new Set<string>();
      customers.add(customerOf[position] as string);
      byCluster.set(cluster, customers);
    }
    const ids = [...byCluster.values()].filter((set) => set.size > 1).flatMap((set) => [...set]);
    const created = new Map<string, number>();
    for (const golden of await this.store.read.customers.findByIds(ids)) {
      created.set(golden.id, Date.parse(golden.createdAt));
    }
    return created;
  }

  private async applySplits(
    plan: ReclusterPlan,
    replica: Replica,
    matcher: ReturnType<typeof probabilisticMatcherOf>,
    now: string,
    overtaken: { count: number },
  ): Promise<number> {
    return this.inTransactions(plan.splits, async (tx, batch) => {
      const changes: CustomerChange[] = [];
      for (const split of batch) {
        const [cluster] = await loadClusters(tx, [split.customerId]);
        const planned = split.parts.map((records) =>
          records.map((record) => replica.keys[record] as SourceKey),
        );
        // A customer merged away meanwhile is no longer live: nothing of it is left to split.
        const held = cluster ? partsStillHeld(cluster, planned) : { parts: [], overtaken: true };
        if (held.overtaken) overtaken.count += 1;
        if (cluster === undefined || held.parts.length === 0) continue;
        const parts = held.parts.map((keys) => ({
          id: splitCustomerId(split.customerId, keys),
          keys,
        }));
        changes.push(
          await writeSplit(tx, {
            cluster,
            parts,
            policy: this.settings.policy,
            matcher,
            now,
            decidedBy: ACTOR,
            remember: false,
          }),
        );
      }
      return appendChangeMessages(tx, changes, RECLUSTER_EVENT_SOURCE, now);
    });
  }

  /**
   * Each merge joins the customers now holding its records: the first record is re-applied with
   * a `same` decision (not stored) towards the others, so the engine merges them as a sync would.
   */
  private async applyMerges(
    plan: ReclusterPlan,
    replica: Replica,
    matcher: ReturnType<typeof probabilisticMatcherOf>,
    now: string,
    overtaken: { count: number },
  ): Promise<number> {
    return this.inTransactions(plan.merges, async (tx, batch) => {
      // The first records as stored now, not as read for the plan: a sync may have changed
      // them meanwhile.
      const firstKey = ([first]: readonly number[]) => replica.keys[first ?? -1];
      const stored = new Map(
        (
          await tx.sourceRecords.findRecords(batch.flatMap((records) => firstKey(records) ?? []))
        ).map(({ observation }) => [sourceKeyString(observation), observation]),
      );
      let written = 0;
      for (const records of batch) {
        const key = firstKey(records);
        const first = key && stored.get(sourceKeyString(key));
        if (first === undefined) {
          overtaken.count += 1;
          continue;
        }
        written += await this.merge(tx, first, records.slice(1), replica, matcher, now);
      }
      return written;
    });
  }

  private async merge(
    tx: StoreTransaction,
    first: SourceObservation,
    others: readonly number[],
    replica: Replica,
    matcher: ReturnType<typeof probabilisticMatcherOf>,
    now: string,
  ): Promise<number> {
    const same: PairDecision[] = others
      .map((record) => replica.keys[record])
      .filter((other): other is SourceKey => other !== undefined)
      .map((other) => ({
        left: keyOf(first),
        right: keyOf(other),
        verdict: 'same',
        origin: 'recluster',
        decidedBy: ACTOR,
        decidedAt: now,
      }));
    // Only the customers the plan joins: the matcher must not pull in what the batch kept apart.
    const customers = await tx.links.findCustomerIds([first, ...same.map((pair) => pair.right)]);
    const ids = [...new Set(customers.values())];
    const clusters = await loadClusters(tx, ids);
    const decisions = await tx.decisions.findInvolving(
      clusters.flatMap((cluster) => cluster.members),
    );
    const overrides = await tx.overrides.findFor(ids);
    const previousCustomer = customerOfMembers(clusters);
    const result = reconcile({
      clusters,
      observations: [first],
      policy: this.settings.policy,
      now,
      matcher,
      decisions: [...decisions, ...same],
      overrides,
    });
    await saveReconcileResult(tx, { matcher, now }, result, previousCustomer);
    return appendChangeMessages(tx, result.changes, RECLUSTER_EVENT_SOURCE, now);
  }

  /**
   * Every person against every organization (the incremental path only sees organizations
   * stored before the person's page): a person whose link changes gets its replica facts
   * annotated and its golden record rebuilt.
   */
  private async linkPersonsToOrganizations(replica: Replica, now: string): Promise<number> {
    // Customers as this run's splits and merges left them, not as they were read.
    const organizationIds = new Set<string>();
    const organizationKeys = replica.observations.filter(
      (observation) => observation.facts.kind === 'organization',
    );
    for (const batch of chunks(organizationKeys, KEY_WRITE_BATCH)) {
      for (const id of (await this.store.read.links.findCustomerIds(batch)).values()) {
        organizationIds.add(id);
      }
    }
    const organizations: { customerId: string; facts: GoldenRecord }[] = [];
    for (const batch of chunks([...organizationIds], KEY_WRITE_BATCH)) {
      for (const golden of await this.store.read.customers.findByIds(batch)) {
        if (!golden.deleted) organizations.push({ customerId: golden.id, facts: golden });
      }
    }
    const directory = buildOrganizationDirectory(organizations);
    const planned = relinkedPersons(replica.observations, directory);
    return this.inTransactions(planned, async (tx, batch) => {
      // As stored now, not as read for the plan: a sync may have changed them meanwhile.
      const stored = await tx.sourceRecords.findRecords(batch.map(keyOf));
      const relinked = relinkedPersons(
        stored.map((record) => record.observation),
        directory,
      );
      if (relinked.length === 0) return 0;
      await tx.sourceRecords.updateFacts(relinked);
      const customerIds = [...new Set((await tx.links.findCustomerIds(relinked)).values())];
      const clusters = await loadClusters(tx, customerIds);
      const overrides = await tx.overrides.findFor(customerIds);
      const changes: CustomerChange[] = [];
      for (const cluster of clusters) {
        const rebuilt = rebuildCustomer({
          cluster,
          policy: this.settings.policy,
          now,
          overrides: overrides.get(cluster.golden.id) ?? [],
        });
        if (rebuilt.change === null) continue;
        await tx.customers.save([rebuilt.cluster.golden]);
        changes.push(rebuilt.change);
      }
      return appendChangeMessages(tx, changes, RECLUSTER_EVENT_SOURCE, now);
    });
  }

  private async proposeReviews(
    pairs: ReturnType<typeof linkBatch>['reviewPairs'],
    replica: Replica,
    matcherName: string,
    now: string,
  ): Promise<number> {
    let proposed = 0;
    for (const batch of chunks(pairs, KEY_WRITE_BATCH)) {
      proposed += await this.store.reconcileTransaction(async (tx) => {
        const keys = batch.flatMap((pair) => [
          replica.keys[pair.left] as SourceKey,
          replica.keys[pair.right] as SourceKey,
        ]);
        const customers = await tx.links.findCustomerIds(keys);
        const reviews = batch.flatMap((pair) => {
          const key = replica.keys[pair.left] as SourceKey;
          const customerId = customers.get(sourceKeyString(key));
          const candidateId = customers.get(sourceKeyString(replica.keys[pair.right] as SourceKey));
          if (customerId === undefined || candidateId === undefined || customerId === candidateId)
            return [];
          return [
            {
              key,
              customerId,
              matcher: matcherName,
              candidates: [
                {
                  customerId: candidateId,
                  sharedKeys: [],
                  score: { matchProbability: pair.matchProbability },
                },
              ],
            },
          ];
        });
        return reviews.length === 0 ? 0 : tx.reviews.propose(reviews, now);
      });
    }
    return proposed;
  }

  /**
   * Every customer's keys under this matcher (deleted members included, as a sync keeps them;
   * `src:` keys left out, as a sync leaves them).
   */
  private async reindex(matcher: ReturnType<typeof probabilisticMatcherOf>): Promise<void> {
    const keysByCustomer = new Map<string, Set<string>>();
    let after: SourceKey | null = null;
    for (;;) {
      const page = await this.store.read.sourceRecords.pageObservations(after, READ_PAGE);
      if (page.length === 0) break;
      for (const { customerId, observation } of page) {
        if (customerId === null) continue;
        const keys = keysByCustomer.get(customerId) ?? new Set<string>();
        for (const key of matcher.keysOf(observation.facts, observation)) {
          if (!isSourceMatchKey(key)) keys.add(key);
        }
        keysByCustomer.set(customerId, keys);
      }
      const last = page[page.length - 1];
      after = last === undefined ? null : keyOf(last.observation);
    }
    for (const batch of chunks([...keysByCustomer.entries()], KEY_WRITE_BATCH)) {
      await this.store.reconcileTransaction(async (tx) => {
        // live organizations are also found by persons through their directory keys
        for (const golden of await tx.customers.findByIds(batch.map(([id]) => id))) {
          if (golden.kind !== 'organization' || golden.deleted) continue;
          for (const key of organizationDirectoryKeys(golden))
            keysByCustomer.get(golden.id)?.add(key);
        }
        await tx.matchKeys.replace(new Map(batch.map(([id, keys]) => [id, [...keys].sort()])));
      });
    }
  }
}

function batchDecisions(
  decisions: readonly PairDecision[],
  index: ReadonlyMap<string, number>,
): BatchPairDecision[] {
  return decisions.flatMap((decision) => {
    const left = index.get(sourceKeyString(decision.left));
    const right = index.get(sourceKeyString(decision.right));
    return left === undefined || right === undefined || left === right
      ? []
      : [{ left, right, verdict: decision.verdict }];
  });
}

/** Persons whose organization link the directory changes, with their facts relinked. */
function relinkedPersons(
  observations: readonly SourceObservation[],
  directory: ReturnType<typeof buildOrganizationDirectory>,
): SourceObservation[] {
  return observations.flatMap((observation) => {
    if (observation.facts.kind !== 'person') return [];
    const facts = withOrganizationLink(
      observation.facts,
      organizationFor(observation.facts, directory),
    );
    return facts === observation.facts ? [] : [{ ...observation, facts }];
  });
}

/**
 * A planned split cut down to the live records its customer holds now: a sync or a person may
 * have moved some since the plan read the replica. The customer keeps at least one of them, so
 * when the parts would take them all, the last part stays with it.
 */
function partsStillHeld(
  cluster: CustomerCluster,
  planned: readonly SourceKey[][],
): { parts: SourceKey[][]; overtaken: boolean } {
  const live = new Set(
    cluster.members.filter((member) => !member.deleted).map((member) => sourceKeyString(member)),
  );
  const parts = planned
    .map((keys) => keys.filter((key) => live.has(sourceKeyString(key))))
    .filter((keys) => keys.length > 0);
  if (parts.reduce((taken, keys) => taken + keys.length, 0) === live.size) parts.pop();
  const plannedCount = planned.reduce((count, keys) => count + keys.length, 0);
  const keptCount = parts.reduce((count, keys) => count + keys.length, 0);
  return { parts, overtaken: keptCount < plannedCount };
}

function keyOf(key: SourceKey): SourceKey {
  return { connector: key.connector, object: key.object, externalId: key.externalId };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}
