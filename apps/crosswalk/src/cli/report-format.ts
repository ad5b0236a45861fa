import { type StatusReport } from '../status/status.use-case';
import { type RunSyncResult } from '../sync/run-sync.use-case';
import { formatRunTimings, formatSeconds } from '../sync/run-timings.format';

export function formatRunSummary(result: RunSyncResult): string {
  const lines = result.runs.flatMap((run) => {
    const c = run.counts;
    const warnings = run.warnings.map((warning) => `${run.connector}: warning: ${warning}`);
    return [
      ...warnings,
      `${run.connector}: read ${c.read}, unchanged ${c.unchanged}, created ${c.created}, ` +
        `updated ${c.updated}, merged ${c.merged}, deleted ${c.deleted}, ` +
        `quarantined ${c.quarantined}, failed ${c.failed}, to review ${c.reviews}, ` +
        `events ${c.events} (run ${run.runId})`,
      `${run.connector}: seconds: ${formatRunTimings(run.timings)}`,
    ];
  });
  lines.push(
    `relayed ${result.relayed} event(s) to the sink (${formatSeconds(result.publishSeconds)} s publishing)`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatStatus(report: StatusReport): string {
  const lines = [
    `store: ${report.store}`,
    `customers: ${report.customers.live} live, ${report.customers.deleted} deleted, ${report.customers.merged} merged away`,
    `matching: ${matchingLine(report)}`,
    `outbox: ${report.outboxPending} event(s) waiting for the relay`,
  ];
  for (const connector of report.connectors) {
    const run = connector.lastRun;
    const last = run
      ? `last run ${run.status} at ${run.finishedAt ?? run.startedAt}${run.error ? ` (${run.error})` : ''}`
      : 'never run';
    lines.push(
      `${connector.name} [${connector.type}${connector.enabled ? '' : ', disabled'}${connector.schedule ? `, ${connector.schedule}` : ''}]: ` +
        `${connector.records} records (${connector.deletedRecords} deleted), ${connector.quarantined} quarantined; ${last}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function matchingLine(report: StatusReport): string {
  const { mode, modelVersion, modelTrainedAt, reviewsPending } = report.matching;
  const model =
    mode === 'deterministic'
      ? 'shared strong keys only'
      : modelVersion === null
        ? 'no model yet (run `crosswalk reconcile --full`)'
        : `model v${modelVersion} trained ${modelTrainedAt ?? '?'}`;
  return `${mode}, ${model}; ${reviewsPending} review(s) pending`;
}
