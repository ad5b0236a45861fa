import { Injectable } from '@nestjs/common';
import { readScalar } from '../data/record-projection';
import { RecordStore } from '../data/record-store.service';
import { type FieldValue } from '../data/record-values';
import { SchemaRegistry } from '../schema/schema-registry.service';
import { type BoundOrdering, type BoundQuery, bindSoql, compareValues } from './soql-binder';
import { parseSoql } from './soql-parser';

export interface QueryScope {
  /** queryAll: deleted records (IsDeleted = true) are included. */
  readonly includeDeleted: boolean;
}

/** Parses, binds and runs SOQL over the record store; results are record indexes, read page by page. */
@Injectable()
export class QueryExecutor {
  constructor(
    private readonly schemas: SchemaRegistry,
    private readonly store: RecordStore,
  ) {}

  prepare(soql: string): BoundQuery {
    return bindSoql(parseSoql(soql), this.schemas);
  }

  /** Indexes of the matching records, ordered, limited. */
  run(query: BoundQuery, scope: QueryScope): number[] {
    const { schema, predicate, orderBy, limit } = query;
    const size = this.store.size(schema);
    const matches: number[] = [];
    const keys: FieldValue[][] = [];
    for (let index = 0; index < size; index++) {
      const values = this.store.values(schema, index);
      if (!scope.includeDeleted && values.IsDeleted === true) continue;
      const id = this.store.idAt(schema, index);
      if (predicate && !predicate(values, id)) continue;
      matches.push(index);
      if (orderBy.length > 0)
        keys.push(orderBy.map((ordering) => readScalar(ordering.field, values, id)));
    }
    if (orderBy.length > 0) {
      const positions = matches.map((_, position) => position);
      positions.sort((a, b) => {
        const left = keys[a] ?? [];
        const right = keys[b] ?? [];
        for (let k = 0; k < orderBy.length; k++) {
          const ordering = orderBy[k];
          if (!ordering) continue;
          const order = compareOrdered(ordering, left[k] ?? null, right[k] ?? null);
          if (order !== 0) return order;
        }
        return a - b;
      });
      const ordered = positions.map((position) => matches[position] ?? 0);
      return limit === undefined ? ordered : ordered.slice(0, limit);
    }
    return limit === undefined ? matches : matches.slice(0, limit);
  }

  count(query: BoundQuery, scope: QueryScope): number {
    return this.run({ ...query, orderBy: [] }, scope).length;
  }
}

/** Nulls go first or last whatever the direction; other values follow ASC/DESC. */
function compareOrdered(ordering: BoundOrdering, left: FieldValue, right: FieldValue): number {
  if (left === null || right === null) {
    if (left === right) return 0;
    const nullFirst = left === null ? -1 : 1;
    return ordering.nullsLast ? -nullFirst : nullFirst;
  }
  const order = compareValues(ordering.field, left, right);
  return ordering.descending ? -order : order;
}
