import { type GoldenRecord, type SourceKey, type SourceObservation } from '@crosswalk/model';
import { customerIdFor } from './customer-id.generator';
import { diffGoldenRecords } from './diff/golden-record.diff';
import { DeterministicMatcher } from './match/deterministic.matcher';
import { ReconcileErrorCode, ReconcileException } from './reconcile.exception';
import {
  type CustomerChange,
  type CustomerCluster,
  type MatchDecision,
  type MatchEvidence,
  type MatchReview,
  type Matcher,
  type ObservationOutcome,
  type ReconcileInput,
  type ReconcileResult,
} from './reconcile.types';
import { buildGoldenRecord } from './survivorship/golden-record.builder';
import { compareSourceKeys, compareStrings, sourceKeyId } from './support/compare';
import { timestampMs } from './support/timestamp';

/** A cluster while a call is in progress. */
interface WorkingCluster {
  id: string;
  createdMs: number;
  /** As it came in; null for a cluster this call created. */
  initial: GoldenRecord | null;
  members: Map<string, SourceObservation>;
  /** The input golden records merged into this one, transitively. */
  absorbed: GoldenRecord[];
  /** Index of the first observation that touched it or anything it absorbed. */
  firstTouch: number | null;
  /** Golden record after the latest observation, to tell updated from unchanged. */
  current: GoldenRecord | null;
}

type Outcome = ReconcileResult['outcomes'][number];

/**
 * Applies source observations, in order, to the clusters they touch: update in place, link
 * to the clusters the matcher names (merging them when there are several), or start a new
 * customer. Pure: everything time-dependent comes from `input.now`.
 */
export function reconcile(input: ReconcileInput): ReconcileResult {
  return new ReconcileRun(input).run();
}

class ReconcileRun {
  private readonly matcher: Matcher;
  private readonly nowMs: number;
  private readonly clusters = new Map<string, WorkingCluster>();
  /** Source record (sourceKeyId) -> cluster id. */
  private readonly memberOf = new Map<string, string>();
  /** Match key -> source records holding it. */
  private readonly keyHolders = new Map<string, Set<string>>();
  private readonly keysOfMember = new Map<string, string[]>();
  /** Absorbed cluster id -> the cluster that took it (may itself be absorbed later). */
  private readonly mergedInto = new Map<string, string>();
  private readonly reviews: MatchReview[] = [];

  constructor(private readonly input: ReconcileInput) {
    this.matcher = input.matcher ?? new DeterministicMatcher();
    this.nowMs = timestampMs(input.now, 'now');
    for (const cluster of input.clusters) this.addInputCluster(cluster);
  }

  run(): ReconcileResult {
    const outcomes = this.input.observations.map((observation, index) =>
      this.apply(observation, index),
    );
    const touched = [...this.clusters.values()]
      .filter((cluster) => cluster.firstTouch !== null)
      .sort((a, b) => (a.firstTouch ?? 0) - (b.firstTouch ?? 0));

    const clusters: CustomerCluster[] = [];
    const absorbed: ReconcileResult['absorbed'] = [];
    const changes: CustomerChange[] = [];
    for (const cluster of touched) {
      const members = this.sortedMembers(cluster);
      const built = buildGoldenRecord({
        id: cluster.id,
        members,
        policy: this.input.policy,
        now: this.input.now,
        previous: cluster.initial,
      });
      const absorbedHere = [...cluster.absorbed].sort((a, b) => compareStrings(a.id, b.id));
      // Absorbing a published customer is news even when every source is deleted.
      const golden =
        built.version === 0 && absorbedHere.some((record) => record.version > 0)
          ? { ...built, version: 1 }
          : built;
      clusters.push({ golden, members });
      for (const record of absorbedHere) absorbed.push({ id: record.id, mergedInto: cluster.id });
      const change = changeOf(cluster.initial, golden, absorbedHere);
      if (change !== null) changes.push(change);
    }
    return {
      clusters,
      absorbed,
      changes,
      outcomes: outcomes.map((outcome) => ({
        ...outcome,
        customerId: this.resolve(outcome.customerId),
      })),
      reviews: this.reviews.map((review) => ({
        ...review,
        customerId: this.resolve(review.customerId),
      })),
    };
  }

  private addInputCluster(cluster: CustomerCluster): void {
    const id = cluster.golden.id;
    if (this.clusters.has(id)) {
      throw new ReconcileException(
        ReconcileErrorCode.DuplicateCluster,
        `customer ${id} is given twice`,
        { customerId: id },
      );
    }
    if (cluster.members.length === 0) {
      throw new ReconcileException(
        ReconcileErrorCode.EmptyCluster,
        `customer ${id} has no source records`,
        { customerId: id },
      );
    }
    const working: WorkingCluster = {
      id,
      createdMs: timestampMs(cluster.golden.createdAt, `createdAt of ${id}`),
      initial: cluster.golden,
      members: new Map(),
      absorbed: [],
      firstTouch: null,
      current: cluster.golden,
    };
    this.clusters.set(id, working);
    for (const member of cluster.members) {
      const memberId = sourceKeyId(member);
      const other = this.memberOf.get(memberId);
      if (other !== undefined) {
        throw new ReconcileException(
          ReconcileErrorCode.DuplicateMember,
          `source record ${memberId} belongs to both ${other} and ${id}`,
          { customerIds: [other, id], source: sourceKeyOf(member) },
        );
      }
      this.putMember(working, member);
    }
  }

  private apply(observation: SourceObservation, index: number): Outcome {
    const key = sourceKeyOf(observation);
    const memberId = sourceKeyId(observation);
    const ownId = this.memberOf.get(memberId);
    return ownId === undefined
      ? this.applyNew(observation, index, key)
      : this.applyToMember(observation, index, key, ownId);
  }

  /** A source record already linked: replace its version, and follow any new keys it brings. */
  private applyToMember(
    observation: SourceObservation,
    index: number,
    key: SourceKey,
    ownId: string,
  ): Outcome {
    const own = this.cluster(ownId);
    const existing = own.members.get(sourceKeyId(observation));
    const observedMs = timestampMs(
      observation.observedAt,
      `observedAt of ${observation.externalId}`,
    );
    // An older version than the one held (a redelivered or re-read page) must not roll back.
    if (
      existing !== undefined &&
      observedMs < timestampMs(existing.observedAt, `observedAt of ${existing.externalId}`)
    ) {
      return { key, customerId: ownId, outcome: 'unchanged', evidence: [] };
    }
    const wasDeleted = existing?.deleted ?? false;
    const before = own.current;
    this.putMember(own, observation);
    this.touch(own, index);

    const candidates = this.candidatesFor(observation, ownId);
    const decision = this.decide(observation, candidates);
    let target = own;
    let evidence: MatchEvidence[] = [];
    if (decision.type === 'link') {
      evidence = decision.evidence;
      target = this.merge([own, ...this.linkTargets(decision, candidates)], index);
    } else if (decision.type === 'review') {
      this.reviews.push(this.reviewOf(key, ownId, decision));
    }
    const after = this.refresh(target);

    let outcome: ObservationOutcome;
    if (decision.type === 'link') outcome = 'merged';
    else if (observation.deleted && !wasDeleted) outcome = 'deleted';
    else outcome = diffGoldenRecords(before, after).length > 0 ? 'updated' : 'unchanged';
    return { key, customerId: target.id, outcome, evidence };
  }

  private applyNew(observation: SourceObservation, index: number, key: SourceKey): Outcome {
    const candidates = this.candidatesFor(observation, null);
    const decision = this.decide(observation, candidates);
    if (decision.type === 'link') {
      const targets = this.linkTargets(decision, candidates);
      const target = targets.length > 1 ? this.merge(targets, index) : targets[0];
      if (target === undefined) throw emptyLink(this.matcher, key);
      this.putMember(target, observation);
      this.touch(target, index);
      this.refresh(target);
      const outcome: ObservationOutcome =
        targets.length > 1 ? 'merged' : observation.deleted ? 'deleted' : 'updated';
      return { key, customerId: target.id, outcome, evidence: decision.evidence };
    }

    const id = customerIdFor(key);
    if (this.clusters.has(id) || this.mergedInto.has(id)) {
      throw new ReconcileException(
        ReconcileErrorCode.DuplicateCluster,
        `customer ${id} of a new source record already exists without that record`,
        { customerId: id, source: key },
      );
    }
    const created: WorkingCluster = {
      id,
      createdMs: this.nowMs,
      initial: null,
      members: new Map(),
      absorbed: [],
      firstTouch: index,
      current: null,
    };
    this.clusters.set(id, created);
    this.putMember(created, observation);
    this.refresh(created);
    if (decision.type === 'review') this.reviews.push(this.reviewOf(key, id, decision));
    return {
      key,
      customerId: id,
      outcome: observation.deleted ? 'deleted' : 'created',
      evidence: [],
    };
  }

  private decide(
    observation: SourceObservation,
    candidates: readonly WorkingCluster[],
  ): MatchDecision {
    if (candidates.length === 0) return { type: 'new', evidence: [] };
    return this.matcher.match(
      observation,
      candidates.map((cluster) => ({
        golden: cluster.current ?? this.refresh(cluster),
        members: this.sortedMembers(cluster),
      })),
    );
  }

  /** The clusters a link names, each checked against the candidates the matcher was given. */
  private linkTargets(
    decision: MatchDecision,
    candidates: readonly WorkingCluster[],
  ): WorkingCluster[] {
    const byId = new Map(candidates.map((cluster) => [cluster.id, cluster]));
    const targets = new Map<string, WorkingCluster>();
    for (const evidence of decision.evidence) {
      const target = byId.get(evidence.customerId);
      if (target === undefined) {
        throw new ReconcileException(
          ReconcileErrorCode.UnknownCandidate,
          `matcher ${this.matcher.name} linked to ${evidence.customerId}, which was not a candidate`,
          { matcher: this.matcher.name, customerId: evidence.customerId },
        );
      }
      targets.set(target.id, target);
    }
    if (targets.size === 0) throw emptyLink(this.matcher, null);
    return [...targets.values()];
  }

  /** The oldest cluster (createdAt, then id) survives and takes the others' members. */
  private merge(clusters: readonly WorkingCluster[], index: number): WorkingCluster {
    const [survivor, ...others] = [...clusters].sort(
      (a, b) => a.createdMs - b.createdMs || compareStrings(a.id, b.id),
    );
    if (survivor === undefined) throw emptyLink(this.matcher, null);
    this.touch(survivor, index);
    for (const other of others) {
      for (const member of other.members.values()) this.putMember(survivor, member);
      survivor.absorbed.push(...other.absorbed);
      if (other.initial !== null) survivor.absorbed.push(other.initial);
      if (other.firstTouch !== null) this.touch(survivor, other.firstTouch);
      this.clusters.delete(other.id);
      this.mergedInto.set(other.id, survivor.id);
    }
    return survivor;
  }

  /** Clusters holding any of the observation's keys, by id, the excluded one left out. */
  private candidatesFor(observation: SourceObservation, exclude: string | null): WorkingCluster[] {
    const ids = new Set<string>();
    for (const key of this.matcher.keysOf(observation.facts, observation)) {
      for (const holder of this.keyHolders.get(key) ?? []) {
        const id = this.memberOf.get(holder);
        if (id !== undefined && id !== exclude) ids.add(id);
      }
    }
    return [...ids].sort(compareStrings).map((id) => this.cluster(id));
  }

  /** Adds or replaces a member and re-indexes its keys (an update may drop some). */
  private putMember(cluster: WorkingCluster, member: SourceObservation): void {
    const memberId = sourceKeyId(member);
    for (const key of this.keysOfMember.get(memberId) ?? []) {
      this.keyHolders.get(key)?.delete(memberId);
    }
    const keys = this.matcher.keysOf(member.facts, member);
    for (const key of keys) {
      const holders = this.keyHolders.get(key) ?? new Set<string>();
      holders.add(memberId);
      this.keyHolders.set(key, holders);
    }
    this.keysOfMember.set(memberId, keys);
    cluster.members.set(memberId, member);
    this.memberOf.set(memberId, cluster.id);
  }

  private refresh(cluster: WorkingCluster): GoldenRecord {
    cluster.current = buildGoldenRecord({
      id: cluster.id,
      members: [...cluster.members.values()],
      policy: this.input.policy,
      now: this.input.now,
      previous: null,
    });
    return cluster.current;
  }

  private touch(cluster: WorkingCluster, index: number): void {
    cluster.firstTouch = cluster.firstTouch === null ? index : Math.min(cluster.firstTouch, index);
  }

  private reviewOf(key: SourceKey, customerId: string, decision: MatchDecision): MatchReview {
    return { key, customerId, matcher: this.matcher.name, candidates: decision.evidence };
  }

  private sortedMembers(cluster: WorkingCluster): SourceObservation[] {
    return [...cluster.members.values()].sort(compareSourceKeys);
  }

  private cluster(id: string): WorkingCluster {
    const cluster = this.clusters.get(id);
    if (cluster === undefined) {
      throw new ReconcileException(
        ReconcileErrorCode.InconsistentState,
        `customer ${id} is no longer in the working set`,
        { customerId: id },
      );
    }
    return cluster;
  }

  private resolve(id: string): string {
    let current = id;
    for (
      let next = this.mergedInto.get(current);
      next !== undefined;
      next = this.mergedInto.get(current)
    ) {
      current = next;
    }
    return current;
  }
}

/**
 * The one change a call publishes for a cluster, comparing its final record with the one that
 * came in. Version 0 marks a record never published: nothing to announce until it is live.
 */
function changeOf(
  initial: GoldenRecord | null,
  golden: GoldenRecord,
  absorbed: readonly GoldenRecord[],
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

function sourceKeyOf(key: SourceKey): SourceKey {
  return { connector: key.connector, object: key.object, externalId: key.externalId };
}

function emptyLink(matcher: Matcher, key: SourceKey | null): ReconcileException {
  return new ReconcileException(
    ReconcileErrorCode.UnknownCandidate,
    `matcher ${matcher.name} decided to link without naming a customer`,
    { matcher: matcher.name, source: key },
  );
}
