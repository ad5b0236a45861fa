import { type GoldenRecord } from '@crosswalk/model';
import { observation, person, POLICY, NOW } from '../testing/observation.fixture';
import { buildGoldenRecord } from '../survivorship/golden-record.builder';
import { type CustomerCluster } from '../reconcile.types';
import { DeterministicMatcher } from './deterministic.matcher';

function cluster(id: string, ...members: CustomerCluster['members']): CustomerCluster {
  const golden: GoldenRecord = buildGoldenRecord({
    id,
    members,
    policy: POLICY,
    now: NOW,
    previous: null,
  });
  return { golden, members };
}

describe('DeterministicMatcher', () => {
  const matcher = new DeterministicMatcher();
  const incoming = observation(
    'crm',
    'c1',
    person({ emails: ['ada@example.com'], phones: ['+46701234567'] }),
  );

  it('links to every candidate sharing a key, with the shared keys as evidence', () => {
    const byEmail = cluster(
      'b',
      observation('erp-sql', '1', person({ emails: ['ada@example.com'] })),
    );
    const byPhone = cluster(
      'a',
      observation('erp-file', '2', person({ phones: ['+46701234567'] })),
    );
    expect(matcher.match(incoming, [byEmail, byPhone])).toEqual({
      type: 'link',
      evidence: [
        { customerId: 'a', sharedKeys: ['person:phone:+46701234567'] },
        { customerId: 'b', sharedKeys: ['person:email:ada@example.com'] },
      ],
    });
  });

  it('starts a new customer when no candidate shares a key', () => {
    const other = cluster(
      'x',
      observation('erp-sql', '1', person({ emails: ['bob@example.com'] })),
    );
    expect(matcher.match(incoming, [other])).toEqual({ type: 'new', evidence: [] });
  });

  it('does not link a person to an organization on a shared number', () => {
    const company = cluster(
      'org',
      observation('erp-sql', '9', {
        ...person({ phones: ['+46701234567'] }),
        kind: 'organization',
      }),
    );
    expect(matcher.match(incoming, [company]).type).toBe('new');
  });
});
