import { type CustomerFacts, type SourceKey } from '@crosswalk/model';

/**
 * A record's keys, computed once per facts object: a page asks for them several times (the
 * index lookup, candidate search, every match against a cluster, the index write). Facts
 * are never changed once built, so the object is the cache key; the source key is checked
 * too, as it is part of the keys.
 */
export class MatchKeyMemo {
  private readonly byFacts = new WeakMap<
    CustomerFacts,
    { source: SourceKey; keys: readonly string[] }
  >();

  keysOf(
    facts: CustomerFacts,
    source: SourceKey,
    compute: () => readonly string[],
  ): readonly string[] {
    const held = this.byFacts.get(facts);
    if (held !== undefined && sameSource(held.source, source)) return held.keys;
    const keys = compute();
    this.byFacts.set(facts, { source, keys });
    return keys;
  }
}

function sameSource(a: SourceKey, b: SourceKey): boolean {
  return a.externalId === b.externalId && a.object === b.object && a.connector === b.connector;
}
