import { buildGoldenRecord } from '../survivorship/golden-record.builder';
import { NOW, observation, person, POLICY } from '../testing/observation.fixture';
import { clusterKeysOf } from './cluster-keys';

describe('clusterKeysOf', () => {
  it('unions the keys of every member, deleted ones included', () => {
    const members = [
      observation('erp-sql', '1', person({ emails: ['ada@example.com'] })),
      observation('crm', '2', person({ emails: ['ada@example.com'], phones: ['+4670111'] }), {
        deleted: true,
      }),
    ];
    const golden = buildGoldenRecord({
      id: 'c',
      members,
      policy: POLICY,
      now: NOW,
      previous: null,
    });
    expect(clusterKeysOf({ golden, members })).toEqual([
      'person:email:ada@example.com',
      'person:phone:+4670111',
      'src:crm/customers/2',
      'src:erp-sql/customers/1',
    ]);
  });
});
