import { type GoldenRecord, type SourceKey, type SourceObservation } from '@crosswalk/model';
import { customerChangeOf } from './customer-change.builder';
import { customerIdFor } from './customer-id.generator';
import { PairDecisionIndex } from './decision/pair-decision.index';
import { diffGoldenRecords } from './diff/golden-record.diff';
import { DeterministicMatcher } from './match/deterministic.matcher';
import { ReconcileErrorCode, ReconcileException } from './reconcile.exception';
import {
  type CustomerChange,
  type CustomerCluster,
  type FieldOverride,
  type MatchDecision,
  type MatchEvidence,
  type MatchReview,
  type Matcher,
  type ObservationOutcome,
  type PairDecision,
  type ReconcileInput,
  type ReconcileResult,
} from './reconcile.types';
import { mergeFieldOverrides } from './survivorship/field-overrides';
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
  /** Its own pinned values, as given. */
  pins: readonly FieldOverride[];
  /** Pins of every cluster merged into it in this call, transitively (see mergeFieldOverrides). */
  absorbedPins: FieldOverride[];
}

/** What a record may be linked to: clusters sharing a key or holding a `same` partner. */
interface Candidates {
  clusters: WorkingCluster[];
  /** Cluster id -> the `same` decision that makes it a target whatever the matcher says. */
  same: Map<string, PairDecision>;
}

/** The clusters a record joins, after remembered decisions, and why. */
interface Links {
  targets: WorkingCluster[];
  evidence: MatchEvidence[];
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
  private readonly keysOfMember = new Map<string, readonly string[]>();
  /** Absorbed cluster id -> the cluster that took it (may itself be absorbed later). */
  private readonly mergedInto = new Map<string, string>();
  private readonly reviews: MatchReview[] = [];
  private readonly decisions: PairDecisionIndex;

  constructor(private readonly input: ReconcileInput) {
    this.matcher = input.matcher ?? new DeterministicMatcher();
    this.nowMs = timestampMs(input.now, 'now');
    this.decisions = new PairDecisionIndex(input.decisions ?? []);
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
        overrides: this.pinsOf(cluster),
      });
      const absorbedHere = [...cluster.absorbed].sort((a, b) => compareStrings(a.id, b.id));
      // Absorbing a published customer is news even when every source is deleted.
      const golden =
        built.version === 0 && absorbedHere.some((record) => record.version > 0)
          ? { ...built, version: 1 }
          : built;
      clusters.push({ golden, members });
      for (const record of absorbedHere) absorbed.push({ id: record.id, mergedInto: cluster.id });
      const change = customerChangeOf(cluster.initial, golden, absorbedHere);
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
      pins: this.input.overrides?.get(id) ?? [],
      absorbedPins: [],
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
    const decision = this.decide(observation, candidates.clusters);
    const links = this.linksOf(observation, own, candidates, decision);
    const target = links.targets.length > 0 ? this.merge([own, ...links.targets], index) : own;
    this.queueReview(key, target.id, decision, links);
    const after = this.refresh(target);

    let outcome: ObservationOutcome;
    if (links.targets.length > 0) outcome = 'merged';
    else if (observation.deleted && !wasDeleted) outcome = 'deleted';
    else outcome = diffGoldenRecords(before, after).length > 0 ? 'updated' : 'unchanged';
    return { key, customerId: target.id, outcome, evidence: links.evidence };
  }

  private applyNew(observation: SourceObservation, index: number, key: SourceKey): Outcome {
    const candidates = this.candidatesFor(observation, null);
    const decision = this.decide(observation, candidates.clusters);
    const links = this.linksOf(observation, null, candidates, decision);
    if (links.targets.length > 0) {
      const targets = links.targets;
      const target = targets.length > 1 ? this.merge(targets, index) : targets[0];
      if (target === undefined) throw emptyLink(this.matcher, key);
      this.putMember(target, observation);
      this.touch(target, index);
      this.refresh(target);
      this.queueReview(key, target.id, decision, links);
      const outcome: ObservationOutcome =
        targets.length > 1 ? 'merged' : observation.deleted ? 'deleted' : 'updated';
      return { key, customerId: target.id, outcome, evidence: links.evidence };
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
      pins: this.input.overrides?.get(id) ?? [],
      absorbedPins: [],
    };
    this.clusters.set(id, created);
    this.putMember(created, observation);
    this.refresh(created);
    this.queueReview(key, id, decision, links);
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

  /**
   * The clusters a record joins: those the matcher linked and those holding a `same` partner,
   * strongest first (a person's decision, then match probability, weight, shared keys, id).
   * A cluster is dropped when one of its members is `distinct` from a member of the group
   * taken so far (the record itself, or its own cluster when it already has one), so no link
   * ever joins two records a person kept apart.
   */
  private linksOf(
    observation: SourceObservation,
    own: WorkingCluster | null,
    candidates: Candidates,
    decision: MatchDecision,
  ): Links {
    const byId = new Map(candidates.clusters.map((cluster) => [cluster.id, cluster]));
    const evidenceOf = new Map<string, MatchEvidence>();
    if (decision.type === 'link') {
      // Refuses a link to a cluster the matcher was not offered.
      this.linkTargets(decision, candidates.clusters);
      for (const evidence of decision.evidence) {
        if (!evidenceOf.has(evidence.customerId)) evidenceOf.set(evidence.customerId, evidence);
      }
    }
    for (const id of [...candidates.same.keys()].sort(compareStrings)) {
      const same = candidates.same.get(id);
      if (same === undefined) continue;
      const decided = { decidedBy: same.decidedBy, decidedAt: same.decidedAt, origin: same.origin };
      evidenceOf.set(id, {
        ...(evidenceOf.get(id) ?? { customerId: id, sharedKeys: [] }),
        decision: decided,
      });
    }

    const group = new Set<string>(own === null ? [sourceKeyId(observation)] : own.members.keys());
    const accepted = new Set<string>();
    for (const evidence of [...evidenceOf.values()].sort(strongestFirst)) {
      const cluster = byId.get(evidence.customerId);
      if (cluster === undefined || this.holdsDistinct(cluster, group)) continue;
      accepted.add(cluster.id);
      for (const memberId of cluster.members.keys()) group.add(memberId);
    }
    return {
      targets: [...accepted].sort(compareStrings).map((id) => this.cluster(id)),
      evidence: [...evidenceOf.values()].filter((evidence) => accepted.has(evidence.customerId)),
    };
  }

  /** Whether a member of the cluster was decided `distinct` from any record of the group. */
  private holdsDistinct(cluster: WorkingCluster, group: ReadonlySet<string>): boolean {
    for (const memberId of cluster.members.keys()) {
      for (const other of this.decisions.distinctFrom(memberId)) {
        if (group.has(other)) return true;
      }
    }
    return false;
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
      survivor.absorbedPins.push(...other.pins, ...other.absorbedPins);
      if (other.initial !== null) survivor.absorbed.push(other.initial);
      if (other.firstTouch !== null) this.touch(survivor, other.firstTouch);
      this.clusters.delete(other.id);
      this.mergedInto.set(other.id, survivor.id);
    }
    return survivor;
  }

  /**
   * Clusters holding any of the observation's keys or a record decided `same` as it, by id,
   * the excluded one left out; never a cluster holding a record decided `distinct` from it
   * (so it is neither linked nor proposed for review again).
   */
  private candidatesFor(observation: SourceObservation, exclude: string | null): Candidates {
    const memberId = sourceKeyId(observation);
    const ids = new Set<string>();
    for (const key of this.matcher.keysOf(observation.facts, observation)) {
      for (const holder of this.keyHolders.get(key) ?? []) {
        const id = this.memberOf.get(holder);
        if (id !== undefined && id !== exclude) ids.add(id);
      }
    }
    const same = new Map<string, PairDecision>();
    for (const { partnerId, decision } of this.decisions.sameAs(memberId)) {
      const id = this.memberOf.get(partnerId);
      if (id === undefined || id === exclude) continue;
      ids.add(id);
      const held = same.get(id);
      if (held === undefined || decidedMs(decision) > decidedMs(held)) same.set(id, decision);
    }
    for (const partnerId of this.decisions.distinctFrom(memberId)) {
      const id = this.memberOf.get(partnerId);
      if (id === undefined) continue;
      ids.delete(id);
      same.delete(id);
    }
    return { clusters: [...ids].sort(compareStrings).map((id) => this.cluster(id)), same };
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
      overrides: this.pinsOf(cluster),
    });
    return cluster.current;
  }

  private touch(cluster: WorkingCluster, index: number): void {
    cluster.firstTouch = cluster.firstTouch === null ? index : Math.min(cluster.firstTouch, index);
  }

  /** A matcher's `review`, without the clusters the record was linked to anyway. */
  private queueReview(
    key: SourceKey,
    customerId: string,
    decision: MatchDecision,
    links: Links,
  ): void {
    if (decision.type !== 'review') return;
    const linked = new Set(links.targets.map((cluster) => cluster.id));
    const candidates = decision.evidence.filter((evidence) => !linked.has(evidence.customerId));
    if (candidates.length > 0) {
      this.reviews.push({ key, customerId, matcher: this.matcher.name, candidates });
    }
  }

  /** The pins to build a cluster with: its own, then those it took over in merges. */
  private pinsOf(cluster: WorkingCluster): readonly FieldOverride[] {
    return cluster.absorbedPins.length === 0
      ? cluster.pins
      : mergeFieldOverrides(cluster.pins, cluster.absorbedPins);
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

/** Decisions first, the latest first; then match probability, weight, shared keys; then id. */
function strongestFirst(a: MatchEvidence, b: MatchEvidence): number {
  return (
    descending(
      a.decision ? decidedMs(a.decision) : -Infinity,
      b.decision ? decidedMs(b.decision) : -Infinity,
    ) ||
    descending(a.score?.matchProbability ?? 1, b.score?.matchProbability ?? 1) ||
    descending(a.score?.matchWeight ?? Infinity, b.score?.matchWeight ?? Infinity) ||
    descending(a.sharedKeys.length, b.sharedKeys.length) ||
    compareStrings(a.customerId, b.customerId)
  );
}

function descending(a: number, b: number): number {
  return a > b ? -1 : a < b ? 1 : 0;
}

function decidedMs(decision: { decidedAt: string }): number {
  return timestampMs(decision.decidedAt, 'decidedAt of a pair decision');
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
