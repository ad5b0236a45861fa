import { CURATION_EVENT_SOURCE } from '@crosswalk/events';
import { type GoldenRecord, type SourceKey, sourceKeyString } from '@crosswalk/model';
import {
  type CustomerChange,
  type CustomerCluster,
  type PairDecision,
  rebuildCustomer,
  reconcile,
  splitCustomerId,
  type SplitPart,
} from '@crosswalk/reconcile';
import { type CrosswalkStore, type StoreTransaction } from '@crosswalk/store';
import { resolveMatcher } from '../match/matcher.resolver';
import {
  customerOfMembers,
  loadClusters,
  loadNeighbourhood,
  saveReconcileResult,
} from '../page/commit-page';
import { type SyncSettings } from '../run/sync-settings';
import { CurationErrorCode, CurationException } from './curation.exception';
import { appendChangeMessages, writeSplit } from './customer-writes';
import {
  type Actor,
  type CurationOutcome,
  type CustomerExplanation,
  type ReviewPage,
  type ReviewView,
} from './curation.types';
import { parsePinnedValue, pinnableField } from './pinned-value.parser';

/**
 * What an operator does to golden records by hand: decide reviews, pin values, split and
 * unmerge, and ask why a customer looks as it does. Each command is one store transaction
 * with its outbox rows, like a sync page, and goes through the same pure reconciliation.
 */
export class CustomerCurationService {
  constructor(
    private readonly store: CrosswalkStore,
    private readonly settings: SyncSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async explain(customerId: string): Promise<CustomerExplanation | null> {
    const read = this.store.read;
    const id = await read.customers.resolveId(customerId);
    const customer = id === null ? null : await read.customers.findById(id);
    if (id === null || customer === null) return null;
    const [links, members, overrides, mergedIds] = await Promise.all([
      read.links.findByCustomer(id),
      read.sourceRecords.findMembersOf([id]),
      read.overrides.findFor([id]),
      read.customers.findAbsorbedInto(id),
    ]);
    const observed = new Map(
      members.map(({ observation }) => [sourceKeyString(observation), observation]),
    );
    return {
      customer,
      requestedId: customerId,
      mergedIds,
      lineage: customer.lineage,
      links: links.map((link) => {
        const observation = observed.get(sourceKeyString(link.key));
        return {
          key: link.key,
          deleted: observation?.deleted ?? false,
          observedAt: observation?.observedAt ?? link.linkedAt,
          linkedAt: link.linkedAt,
          evidence: link.evidence,
        };
      }),
      overrides: (overrides.get(id) ?? []).map((pin) => ({ ...pin })),
    };
  }

  async listReviews(options: { limit: number; after?: string }): Promise<ReviewPage> {
    return this.store.read.reviews.findPending(options);
  }

  async findReview(id: string): Promise<ReviewView | null> {
    return this.store.read.reviews.findById(id);
  }

  /**
   * Records `same` between the record and every live record of the candidate customer, then
   * re-applies the record: reconciliation links it (a merge) and will keep it linked.
   */
  async acceptReview(id: string, actor: Actor): Promise<CurationOutcome> {
    return this.store.reconcileTransaction(async (tx) => {
      const now = this.now();
      const review = await this.decide(tx, id, 'accepted', actor, now);
      const candidateId = await tx.customers.resolveId(review.candidateCustomerId);
      const [observation] = await this.currentObservations(tx, [review.key]);
      const [candidate] = candidateId === null ? [] : await loadClusters(tx, [candidateId]);
      if (observation === undefined || candidate === undefined) return noChange();
      const decisions: PairDecision[] = candidate.members
        .filter((member) => !member.deleted)
        .map((member) => ({
          left: review.key,
          right: keyOf(member),
          verdict: 'same',
          origin: 'review',
          decidedBy: actor.by,
          decidedAt: now,
        }));
      await tx.decisions.record(decisions);
      return this.reapply(tx, [observation], now);
    });
  }

  /** Records `distinct` against every record of the candidate: the pair is never proposed again. */
  async rejectReview(id: string, actor: Actor): Promise<CurationOutcome> {
    return this.store.reconcileTransaction(async (tx) => {
      const now = this.now();
      const review = await this.decide(tx, id, 'rejected', actor, now);
      const candidateId = await tx.customers.resolveId(review.candidateCustomerId);
      const [candidate] = candidateId === null ? [] : await loadClusters(tx, [candidateId]);
      await tx.decisions.record(
        (candidate?.members ?? []).map((member) => ({
          left: review.key,
          right: keyOf(member),
          verdict: 'distinct',
          origin: 'review',
          decidedBy: actor.by,
          decidedAt: now,
        })),
      );
      return noChange();
    });
  }

  async pin(
    customerId: string,
    field: string,
    value: unknown,
    actor: Actor,
  ): Promise<CurationOutcome> {
    const pinned = pinnableField(field);
    return this.store.reconcileTransaction(async (tx) => {
      const now = this.now();
      const cluster = await this.liveCluster(tx, customerId);
      const normalised = parsePinnedValue(
        pinned,
        value,
        cluster.golden.kind,
        this.settings.defaultRegion,
      );
      await tx.overrides.pin(cluster.golden.id, {
        field: pinned,
        value: normalised,
        pinnedBy: actor.by,
        pinnedAt: now,
        ...(actor.note === undefined ? {} : { reason: actor.note }),
      });
      return this.rebuild(tx, cluster, now);
    });
  }

  async unpin(customerId: string, field: string, _actor: Actor): Promise<CurationOutcome> {
    const pinned = pinnableField(field);
    return this.store.reconcileTransaction(async (tx) => {
      const now = this.now();
      const cluster = await this.liveCluster(tx, customerId);
      if (!(await tx.overrides.unpin(cluster.golden.id, pinned))) return noChange();
      return this.rebuild(tx, cluster, now);
    });
  }

  /** Each group of source keys becomes a new customer; the rest stay. */
  async split(customerId: string, groups: SourceKey[][], actor: Actor): Promise<CurationOutcome> {
    return this.store.reconcileTransaction(async (tx) => {
      const now = this.now();
      const cluster = await this.liveCluster(tx, customerId);
      const parts: SplitPart[] = groups.map((keys) => ({
        id: splitCustomerId(cluster.golden.id, keys),
        keys,
      }));
      return this.applySplit(tx, cluster, parts, actor, now);
    });
  }

  /** Gives an absorbed customer back the source records the merge brought in, and its id. */
  async unmerge(customerId: string, absorbedId: string, actor: Actor): Promise<CurationOutcome> {
    return this.store.reconcileTransaction(async (tx) => {
      const now = this.now();
      const cluster = await this.liveCluster(tx, customerId);
      const absorbed = await tx.customers.findAbsorbedInto(cluster.golden.id);
      if (!absorbed.includes(absorbedId)) {
        throw new CurationException(
          CurationErrorCode.NotAbsorbed,
          `customer ${absorbedId} was not merged into ${cluster.golden.id}`,
          { customerId: cluster.golden.id, absorbedId },
        );
      }
      const links = await tx.links.findByCustomer(cluster.golden.id);
      const keys = links
        .filter((link) => link.evidence['mergedFrom'] === absorbedId)
        .map((link) => link.key);
      if (keys.length === 0) {
        throw new CurationException(
          CurationErrorCode.NotAbsorbed,
          `no source record of ${cluster.golden.id} came from ${absorbedId}`,
          { customerId: cluster.golden.id, absorbedId },
        );
      }
      const previous = await tx.customers.findRecord(absorbedId);
      await tx.customers.revive(absorbedId, now);
      return this.applySplit(
        tx,
        cluster,
        [{ id: absorbedId, keys, ...(previous === null ? {} : { previous }) }],
        actor,
        now,
      );
    });
  }

  private async applySplit(
    tx: StoreTransaction,
    cluster: CustomerCluster,
    parts: SplitPart[],
    actor: Actor,
    now: string,
  ): Promise<CurationOutcome> {
    const { matcher } = await resolveMatcher(tx, this.settings.matching);
    const change = await writeSplit(tx, {
      cluster,
      parts,
      policy: this.settings.policy,
      matcher,
      now,
      decidedBy: actor.by,
      remember: true,
    });
    return this.publish(tx, [change], now);
  }

  private async rebuild(
    tx: StoreTransaction,
    cluster: CustomerCluster,
    now: string,
  ): Promise<CurationOutcome> {
    const overrides = await tx.overrides.findFor([cluster.golden.id]);
    const rebuilt = rebuildCustomer({
      cluster,
      policy: this.settings.policy,
      now,
      overrides: overrides.get(cluster.golden.id) ?? [],
    });
    if (rebuilt.change === null) return noChange();
    await tx.customers.save([rebuilt.cluster.golden]);
    return this.publish(tx, [rebuilt.change], now);
  }

  /** Runs reconciliation again for records whose decisions changed, as a sync page would. */
  private async reapply(
    tx: StoreTransaction,
    observations: CustomerCluster['members'],
    now: string,
  ): Promise<CurationOutcome> {
    const { matcher } = await resolveMatcher(tx, this.settings.matching);
    const { clusters, decisions, overrides } = await loadNeighbourhood(tx, matcher, observations);
    const previousCustomer = customerOfMembers(clusters);
    const result = reconcile({
      clusters,
      observations: [...observations],
      policy: this.settings.policy,
      now,
      matcher,
      decisions,
      overrides,
    });
    await saveReconcileResult(tx, { matcher, now }, result, previousCustomer);
    return this.publish(tx, result.changes, now);
  }

  private async publish(
    tx: StoreTransaction,
    changes: readonly CustomerChange[],
    now: string,
  ): Promise<CurationOutcome> {
    const events = await appendChangeMessages(tx, changes, CURATION_EVENT_SOURCE, now);
    return {
      customerIds: [...new Set(changes.flatMap((change) => idsOf(change)))],
      events,
      changes: changes.flatMap((change) => [
        { type: change.type, customerId: change.customer.id },
        ...(change.type === 'split'
          ? change.parts.map((part) => ({ type: 'created' as const, customerId: part.id }))
          : []),
      ]),
    };
  }

  private async decide(
    tx: StoreTransaction,
    id: string,
    status: 'accepted' | 'rejected',
    actor: Actor,
    now: string,
  ): Promise<ReviewView> {
    const review = await tx.reviews.findById(id);
    if (review === null) {
      throw new CurationException(CurationErrorCode.ReviewNotFound, `no review has id ${id}`, {
        reviewId: id,
      });
    }
    const decided = await tx.reviews.decide(id, status, actor.by, actor.note ?? null, now);
    if (decided === null) {
      throw new CurationException(
        CurationErrorCode.ReviewDecided,
        `review ${id} is ${review.status} already`,
        { reviewId: id, status: review.status },
      );
    }
    return decided;
  }

  /** The customer as it stands (an absorbed id resolves to its survivor), with its members. */
  private async liveCluster(tx: StoreTransaction, customerId: string): Promise<CustomerCluster> {
    const id = await tx.customers.resolveId(customerId);
    const [cluster] = id === null ? [] : await loadClusters(tx, [id]);
    if (cluster === undefined) {
      throw new CurationException(
        CurationErrorCode.CustomerNotFound,
        `no customer has id ${customerId}`,
        { customerId },
      );
    }
    return cluster;
  }

  private async currentObservations(
    tx: StoreTransaction,
    keys: readonly SourceKey[],
  ): Promise<CustomerCluster['members']> {
    const records = await tx.sourceRecords.findRecords(keys);
    return records.map((record) => record.observation);
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

function keyOf(key: SourceKey): SourceKey {
  return { connector: key.connector, object: key.object, externalId: key.externalId };
}

function idsOf(change: CustomerChange): string[] {
  return change.type === 'split'
    ? [change.customer.id, ...change.parts.map((part: GoldenRecord) => part.id)]
    : [change.customer.id];
}

function noChange(): CurationOutcome {
  return { customerIds: [], events: 0, changes: [] };
}
