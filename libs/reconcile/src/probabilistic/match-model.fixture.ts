import { type CustomerKind } from '@crosswalk/model';
import { type ComparisonDefinition, DEFAULT_COMPARISONS } from './comparison.definitions';
import { DEFAULT_MATCH_THRESHOLDS, type KindModel, type MatchModel } from './match-model';

/**
 * A hand-set model for specs: agreement on the top level is strong evidence (m 0.85,
 * u 0.001), the last level is evidence against (m 0.01), levels between are mild.
 */
export function fixtureModel(
  termFrequencies: Record<string, Record<string, number>> = {},
  lambda = 1e-4,
): MatchModel {
  const kindModel = (kind: CustomerKind): KindModel => ({
    lambda,
    comparisons: DEFAULT_COMPARISONS.filter((definition) => definition.kind === kind).map(
      (definition: ComparisonDefinition) => {
        const count = definition.levels.length;
        const middle = Math.max(count - 2, 1);
        return {
          name: definition.name,
          field: definition.field,
          levels: definition.levels.map((level, index) => {
            const last = index === count - 1;
            const m = index === 0 ? 0.85 : last ? 0.01 : 0.14 / middle;
            const u = index === 0 ? 0.001 : last ? 1 - 0.001 - 0.01 * (count - 2) : 0.01;
            return { label: level.label, m, u, veto: level.veto };
          }),
          ...(termFrequencies[definition.name] === undefined
            ? {}
            : { termFrequencies: termFrequencies[definition.name] }),
        };
      },
    ),
  });
  return {
    version: 1,
    kinds: { person: kindModel('person'), organization: kindModel('organization') },
    thresholds: DEFAULT_MATCH_THRESHOLDS,
  };
}
