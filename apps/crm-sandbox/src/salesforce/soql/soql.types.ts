/** The SOQL subset the sandbox understands, as parsed (names not yet resolved against the schema). */
export type SoqlLiteral =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'datetime'; readonly epochMs: number; readonly text: string }
  | { readonly kind: 'date'; readonly value: string };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type SoqlCondition =
  | { readonly kind: 'and'; readonly items: readonly SoqlCondition[] }
  | { readonly kind: 'or'; readonly items: readonly SoqlCondition[] }
  | { readonly kind: 'not'; readonly item: SoqlCondition }
  | {
      readonly kind: 'compare';
      readonly field: string;
      readonly operator: ComparisonOperator;
      readonly value: SoqlLiteral;
    }
  | {
      readonly kind: 'in';
      readonly field: string;
      readonly negated: boolean;
      readonly values: readonly SoqlLiteral[];
    }
  | { readonly kind: 'like'; readonly field: string; readonly pattern: string };

export interface SoqlOrdering {
  readonly field: string;
  readonly descending: boolean;
  readonly nullsLast: boolean;
}

export interface SoqlQuery {
  /** `count` for SELECT COUNT(). */
  readonly select:
    { readonly kind: 'fields'; readonly fields: readonly string[] } | { readonly kind: 'count' };
  readonly from: string;
  readonly where: SoqlCondition | undefined;
  readonly orderBy: readonly SoqlOrdering[];
  readonly limit: number | undefined;
}
