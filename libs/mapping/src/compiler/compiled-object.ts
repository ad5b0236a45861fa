import { type CustomerKind } from '@crosswalk/model';
import { type CanonicalTarget } from '../target/canonical-target';
import { type Transform } from '../transform/transform.types';

/** How to obtain one value from a payload: read `from`, run the transforms, else the default. */
export interface ValueRecipe {
  from: readonly string[];
  transforms: readonly Transform[];
  default?: string;
}

export interface FieldRecipe extends ValueRecipe {
  /** The key as written under `fields:`, used to name the field in issues. */
  key: string;
  target: CanonicalTarget;
}

export type KindRecipe =
  { type: 'constant'; kind: CustomerKind } | ({ type: 'source' } & ValueRecipe);

export interface ObjectRecipe {
  name: string;
  kind: KindRecipe;
  /** Several source fields form a composite id, joined with ":". */
  externalId: ValueRecipe;
  modifiedAt?: ValueRecipe & { formats: readonly string[] };
  fields: readonly FieldRecipe[];
}
