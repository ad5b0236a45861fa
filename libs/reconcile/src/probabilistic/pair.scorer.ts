import { type CustomerKind } from '@crosswalk/model';
import { type MatchFeatures } from '../normalise/match-features';
import { type FieldComparison } from '../reconcile.types';
import {
  agreedTerm,
  type ComparisonDefinition,
  DEFAULT_COMPARISONS,
  NULL_LEVEL,
} from './comparison.definitions';
import { decodePattern, radicesOf } from './match-model.trainer';
import { matchProbabilityOf, type MatchModel, priorWeightOf } from './match-model';
import { MatchModelErrorCode, MatchModelException } from './match-model.exception';

interface CompiledComparison {
  definition: ComparisonDefinition;
  weights: Float64Array;
  veto: boolean[];
  labels: string[];
  /** u of level 0, the reference of the term-frequency adjustment. */
  exactU: number;
  termFrequencies: ReadonlyMap<string, number>;
}

interface CompiledKind {
  priorWeight: number;
  comparisons: CompiledComparison[];
  radices: number[];
  /** Pattern code -> weight without term adjustments, veto, comparisons at level 0 with terms. */
  patterns: Map<number, { weight: number; vetoed: boolean; termed: CompiledComparison[] }>;
}

/** The score of a pair given by its level pattern (batch scoring). */
export interface CodedPairScore {
  matchWeight: number;
  matchProbability: number;
  deterministic: boolean;
  vetoed: boolean;
}

export interface PairScore {
  matchWeight: number;
  matchProbability: number;
  /** Comparison names whose level vetoes a link (probability 0). */
  vetoedBy: string[];
  /** The pair shares a strong identifier or (persons) a personal e-mail: linked outright. */
  deterministicKeys: string[];
  comparisons: FieldComparison[];
}

/**
 * A model bound to its comparison definitions, with weights precomputed: scoring a pair is
 * a few table look-ups after the comparisons themselves. Pure and immutable.
 */
export class PairScorer {
  private readonly kinds: Map<CustomerKind, CompiledKind>;

  constructor(
    readonly model: MatchModel,
    definitions: readonly ComparisonDefinition[] = DEFAULT_COMPARISONS,
  ) {
    this.kinds = new Map(
      (['person', 'organization'] as const).map((kind) => [
        kind,
        compileKind(model, definitions, kind),
      ]),
    );
  }

  /** The definitions of a kind in the order pattern codes use. */
  definitionsOf(kind: CustomerKind): ComparisonDefinition[] {
    return (this.kinds.get(kind)?.comparisons ?? []).map((compiled) => compiled.definition);
  }

  /**
   * Scores a pair whose level pattern was computed already (see `pairPattern`): the batch
   * path, which compares each candidate pair once for training and scoring alike.
   */
  scoreCoded(a: MatchFeatures, b: MatchFeatures, code: number): CodedPairScore {
    const deterministic =
      a.linkKeys.length > 0 && a.linkKeys.some((key) => b.linkKeys.includes(key));
    const kind = this.kinds.get(a.kind);
    if (kind === undefined) {
      return {
        matchWeight: Number.NEGATIVE_INFINITY,
        matchProbability: 0,
        deterministic,
        vetoed: true,
      };
    }
    let pattern = kind.patterns.get(code);
    if (pattern === undefined) {
      pattern = compilePattern(kind, code);
      kind.patterns.set(code, pattern);
    }
    let matchWeight = pattern.weight;
    for (const compiled of pattern.termed) matchWeight += termAdjustment(compiled, 0, a, b);
    const matchProbability = deterministic
      ? 1
      : pattern.vetoed
        ? 0
        : matchProbabilityOf(matchWeight);
    return { matchWeight, matchProbability, deterministic, vetoed: pattern.vetoed };
  }

  /** Scores two records; records of different kinds never match. */
  score(a: MatchFeatures, b: MatchFeatures): PairScore {
    const deterministicKeys = a.linkKeys.filter((key) => b.linkKeys.includes(key));
    const kind = this.kinds.get(a.kind);
    if (a.kind !== b.kind || kind === undefined) {
      return {
        matchWeight: Number.NEGATIVE_INFINITY,
        matchProbability: 0,
        vetoedBy: ['kind'],
        deterministicKeys: [],
        comparisons: [],
      };
    }
    let matchWeight = kind.priorWeight;
    const vetoedBy: string[] = [];
    const comparisons: FieldComparison[] = [];
    for (const compiled of kind.comparisons) {
      const level = compiled.definition.compare(a, b);
      if (level === NULL_LEVEL) {
        comparisons.push({ field: compiled.definition.field, level: 'null', weight: 0 });
        continue;
      }
      const weight = (compiled.weights[level] ?? 0) + termAdjustment(compiled, level, a, b);
      matchWeight += weight;
      if (compiled.veto[level] === true) vetoedBy.push(compiled.definition.name);
      comparisons.push({
        field: compiled.definition.field,
        level: compiled.labels[level] ?? String(level),
        weight,
      });
    }
    const matchProbability =
      deterministicKeys.length > 0 ? 1 : vetoedBy.length > 0 ? 0 : matchProbabilityOf(matchWeight);
    return { matchWeight, matchProbability, vetoedBy, deterministicKeys, comparisons };
  }
}

/**
 * Only down-weights: a value more common than an average agreement (u of level 0) gives less
 * evidence; rarer values keep the average weight, so the model need not carry every value.
 */
function termAdjustment(
  compiled: CompiledComparison,
  level: number,
  a: MatchFeatures,
  b: MatchFeatures,
): number {
  if (level !== 0 || compiled.termFrequencies.size === 0) return 0;
  const term = agreedTerm(compiled.definition, a, b);
  const frequency = term === null ? undefined : compiled.termFrequencies.get(term);
  return frequency === undefined ? 0 : Math.min(0, Math.log2(compiled.exactU / frequency));
}

function compilePattern(
  kind: CompiledKind,
  code: number,
): { weight: number; vetoed: boolean; termed: CompiledComparison[] } {
  const levels = decodePattern(code, kind.radices);
  let weight = kind.priorWeight;
  let vetoed = false;
  const termed: CompiledComparison[] = [];
  kind.comparisons.forEach((compiled, index) => {
    const level = levels[index] ?? NULL_LEVEL;
    if (level === NULL_LEVEL) return;
    weight += compiled.weights[level] ?? 0;
    if (compiled.veto[level] === true) vetoed = true;
    if (level === 0 && compiled.termFrequencies.size > 0) termed.push(compiled);
  });
  return { weight, vetoed, termed };
}

function compileKind(
  model: MatchModel,
  definitions: readonly ComparisonDefinition[],
  kind: CustomerKind,
): CompiledKind {
  const kindModel = model.kinds[kind];
  const own = definitions.filter((definition) => definition.kind === kind);
  return {
    priorWeight: priorWeightOf(kindModel.lambda),
    radices: radicesOf(own),
    patterns: new Map(),
    comparisons: own.map((definition) => {
      const parameters = kindModel.comparisons.find((entry) => entry.name === definition.name);
      if (parameters === undefined || parameters.levels.length !== definition.levels.length) {
        throw new MatchModelException(
          MatchModelErrorCode.InvalidModel,
          `the match model has no parameters for the ${kind} comparison ${definition.name} (or a different number of levels)`,
          { kind, comparison: definition.name },
        );
      }
      return {
        definition,
        weights: Float64Array.from(parameters.levels, (level) => Math.log2(level.m / level.u)),
        veto: parameters.levels.map((level) => level.veto),
        labels: parameters.levels.map((level) => level.label),
        exactU: parameters.levels[0]?.u ?? 1,
        termFrequencies: new Map(Object.entries(parameters.termFrequencies ?? {})),
      };
    }),
  };
}
