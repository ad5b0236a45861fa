import { type SourceKey } from '@crosswalk/model';
import { canonicalPair } from './pair-decision.repository';

const key = (connector: string, object: string, externalId: string): SourceKey => ({
  connector,
  object,
  externalId,
});

describe('canonicalPair', () => {
  it.each([
    ['by connector', key('crm', 'c', '9'), key('erp', 'c', '1')],
    ['by object', key('erp', 'a', '9'), key('erp', 'b', '1')],
    ['by external id as text', key('erp', 'c', '10'), key('erp', 'c', '9')],
    ['by parts when the strings coincide', key('w', 'o', 'x/1'), key('w', 'o/x', '1')],
  ])('orders %s, whatever the order given', (_, smaller, larger) => {
    expect(canonicalPair(smaller, larger)).toEqual([smaller, larger]);
    expect(canonicalPair(larger, smaller)).toEqual([smaller, larger]);
  });
});
