import { groupSourceKeys } from './source-key-filter';

const key = (connector: string, object: string, externalId: string) => ({
  connector,
  object,
  externalId,
});

describe('groupSourceKeys', () => {
  it.each([
    { case: 'no keys', keys: [], groups: [] },
    {
      case: 'one object',
      keys: [key('erp', 'customers', '1'), key('erp', 'customers', '2')],
      groups: [{ connector: 'erp', object: 'customers', externalIds: ['1', '2'] }],
    },
    {
      case: 'repeated ids kept once, in first-seen order',
      keys: [
        key('erp', 'customers', '2'),
        key('erp', 'customers', '1'),
        key('erp', 'customers', '2'),
      ],
      groups: [{ connector: 'erp', object: 'customers', externalIds: ['2', '1'] }],
    },
    {
      case: 'objects and connectors apart',
      keys: [
        key('erp', 'customers', '1'),
        key('erp', 'contacts', '1'),
        key('crm', 'customers', '1'),
      ],
      groups: [
        { connector: 'erp', object: 'customers', externalIds: ['1'] },
        { connector: 'erp', object: 'contacts', externalIds: ['1'] },
        { connector: 'crm', object: 'customers', externalIds: ['1'] },
      ],
    },
    {
      case: 'names that would collide if joined without a separator',
      keys: [key('a', 'bc', '1'), key('ab', 'c', '1')],
      groups: [
        { connector: 'a', object: 'bc', externalIds: ['1'] },
        { connector: 'ab', object: 'c', externalIds: ['1'] },
      ],
    },
  ])('$case', ({ keys, groups }) => {
    expect(groupSourceKeys(keys)).toEqual(groups);
  });
});
