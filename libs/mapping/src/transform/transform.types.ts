import { type ValidationCode } from '@crosswalk/model';
import { type SourceValue } from '../source/source-value';

/** A value a transform could not handle; it is left out and reported. */
export interface TransformIssue {
  code: ValidationCode;
  value: SourceValue;
  message: string;
}

export interface TransformOutcome {
  values: SourceValue[];
  issues: TransformIssue[];
}

/** One compiled step of a field's `transforms:` list: all of the field's values in, values out. */
export type Transform = (values: SourceValue[]) => TransformOutcome;

/** Why a transform's declaration was refused, and whether the name or the argument is at fault. */
export type TransformCompileFailure = {
  code: 'UNKNOWN_TRANSFORM' | 'BAD_TRANSFORM_ARGUMENT';
  reason: string;
};
