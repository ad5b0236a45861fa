import { type CustomerFacts } from '@crosswalk/model';
import { MatchKeyMemo } from './match-key.memo';

const facts: CustomerFacts = {
  kind: 'person',
  emails: ['karin@acme.example'],
  phones: [],
  addresses: [],
  identifiers: [],
};
const source = (externalId: string) => ({ connector: 'erp', object: 'customers', externalId });

describe('MatchKeyMemo', () => {
  it('computes the keys of one facts object once per source key', () => {
    const memo = new MatchKeyMemo();
    let computed = 0;
    const compute = (id: string) => () => {
      computed += 1;
      return [`src:${id}`];
    };
    const first = memo.keysOf(facts, source('1'), compute('1'));
    expect(memo.keysOf(facts, source('1'), compute('1'))).toBe(first);
    expect(computed).toBe(1);
    expect(memo.keysOf(facts, source('2'), compute('2'))).toEqual(['src:2']);
    expect(memo.keysOf({ ...facts }, source('2'), compute('2'))).toEqual(['src:2']);
    expect(computed).toBe(3);
  });
});
