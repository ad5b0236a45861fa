import { emptyRunCounts } from '@crosswalk/sync';
import { formatRunSummary } from './report-format';

describe('formatRunSummary', () => {
  const run = {
    runId: 'run-1',
    connector: 'erp-files',
    counts: { ...emptyRunCounts(), read: 3, created: 2, quarantined: 1, events: 4 },
    timings: { read: 0.014, prepare: 0.5, reconcile: 1.256, store: 12, idle: 4.5 },
    warnings: ['column fax is gone from the export'],
    requiresFullDeleteDiff: [],
    startedAt: '2026-12-03T10:00:00.000Z',
    finishedAt: '2026-12-03T10:00:14.000Z',
  };

  it('says per connector what it did and where its time went, then what was relayed', () => {
    expect(formatRunSummary({ runs: [run], relayed: 4, publishSeconds: 0.3456 })).toBe(
      [
        'erp-files: warning: column fax is gone from the export',
        'erp-files: read 3, unchanged 0, created 2, updated 0, merged 0, deleted 0, quarantined 1, failed 0, to review 0, events 4 (run run-1)',
        'erp-files: seconds: read 0.01, prepare 0.50, reconcile 1.26, store 12.00 (idle 4.50)',
        'relayed 4 event(s) to the sink (0.35 s publishing)',
        '',
      ].join('\n'),
    );
  });
});
