import { sourceKeyString } from '@crosswalk/model';
import {
  type CurationOutcome,
  type CustomerExplanation,
  type FullReconcileReport,
  type ReviewPage,
} from '@crosswalk/sync';

export function formatReconcileReport(report: FullReconcileReport & { relayed: number }): string {
  const model = `model v${report.modelVersion}${report.trained ? ' (trained now)' : ''}`;
  const lines = [
    `${report.dryRun ? 'dry run: nothing written; ' : ''}${report.records} records, ` +
      `customers ${report.customersBefore} -> ${report.customersAfter}`,
    `merged ${report.merged}, split ${report.split}, reviews proposed ${report.reviewsProposed}, ` +
      `events ${report.events}; ${model}; ${report.seconds.toFixed(1)} s`,
    ...(report.overtaken > 0
      ? [
          `overtaken ${report.overtaken}: planned splits and merges whose records other writes ` +
            'moved meanwhile, applied to what was left or skipped',
        ]
      : []),
    ...(report.relayed > 0 ? [`relayed ${report.relayed} event(s) to the sink`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatReviewPage(page: ReviewPage): string {
  const lines = page.items.map((review) => {
    const probability = review.matchProbability === null ? '-' : review.matchProbability.toFixed(3);
    return (
      `${review.id}  ${review.status}  p=${probability}  ${sourceKeyString(review.key)}: ` +
      `${review.customerId} ~ ${review.candidateCustomerId} (${review.matcher})`
    );
  });
  if (lines.length === 0) lines.push('no reviews');
  if (page.next !== null) lines.push(`more: --after ${page.next}`);
  return `${lines.join('\n')}\n`;
}

export function formatOutcome(outcome: CurationOutcome): string {
  if (outcome.changes.length === 0) return 'nothing changed\n';
  const changes = outcome.changes.map((change) => `${change.type} ${change.customerId}`);
  return `${changes.join('\n')}\n${outcome.events} event(s) written\n`;
}

export function formatExplanation(explanation: CustomerExplanation): string {
  const customer = explanation.customer;
  const name = customer.fullName ?? customer.legalName ?? customer.tradingName ?? '(no name)';
  const lines = [
    `${customer.id} ${customer.kind} "${name}" v${customer.version}${customer.deleted ? ' (deleted)' : ''}`,
  ];
  if (explanation.requestedId !== customer.id) {
    lines.push(`${explanation.requestedId} was merged into this customer`);
  }
  if (explanation.mergedIds.length > 0) lines.push(`absorbed: ${explanation.mergedIds.join(', ')}`);
  lines.push(`links (${explanation.links.length}):`);
  for (const link of explanation.links) {
    const rule = typeof link.evidence['rule'] === 'string' ? link.evidence['rule'] : 'linked';
    lines.push(
      `  ${sourceKeyString(link.key)}${link.deleted ? ' (deleted)' : ''}: ${rule} at ${link.linkedAt}`,
      ...whyLinked(link.evidence).map((reason) => `    ${reason}`),
    );
  }
  lines.push('fields:');
  for (const [field, sources] of Object.entries(explanation.lineage)) {
    const from = (sources ?? []).map((source) => `${sourceKeyString(source)} by ${source.rule}`);
    lines.push(`  ${field}: ${from.join('; ') || '-'}`);
  }
  for (const override of explanation.overrides) {
    lines.push(
      `  ${override.field}: pinned to ${JSON.stringify(override.value)} by ${override.pinnedBy} ` +
        `at ${override.pinnedAt}${override.reason ? ` (${override.reason})` : ''}`,
    );
  }
  lines.push('(--json shows the evidence: comparisons and weights)');
  return `${lines.join('\n')}\n`;
}

/** One line per candidate the link was decided on: the decision, the score and its strongest comparisons, or the keys shared. */
function whyLinked(evidence: Record<string, unknown>): string[] {
  const candidates = Array.isArray(evidence['candidates']) ? evidence['candidates'] : [];
  const moved =
    typeof evidence['mergedFrom'] === 'string'
      ? [`came with customer ${evidence['mergedFrom']} when it was merged into this one`]
      : typeof evidence['splitFrom'] === 'string'
        ? [`split off customer ${evidence['splitFrom']}`]
        : [];
  if (candidates.length === 0) {
    return moved.length > 0 ? moved : ['the first record of this customer'];
  }
  return [
    ...moved,
    ...candidates.flatMap((candidate: unknown) => {
      if (typeof candidate !== 'object' || candidate === null) return [];
      const entry = candidate as {
        customerId?: string;
        sharedKeys?: string[];
        decision?: { decidedBy: string; origin: string };
        score?: {
          matchProbability: number;
          comparisons?: { field: string; level: string; weight: number }[];
        };
      };
      const parts: string[] = [];
      if (entry.decision)
        parts.push(`decided by ${entry.decision.decidedBy} (${entry.decision.origin})`);
      if (entry.score) {
        const strongest = [...(entry.score.comparisons ?? [])]
          .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
          .slice(0, 3)
          .map((c) => `${c.field} ${c.level} ${c.weight >= 0 ? '+' : ''}${c.weight.toFixed(1)}`);
        parts.push(
          `p=${entry.score.matchProbability.toFixed(3)}${strongest.length ? ` (${strongest.join(', ')})` : ''}`,
        );
      }
      if (entry.sharedKeys && entry.sharedKeys.length > 0)
        parts.push(`shared ${entry.sharedKeys.join(', ')}`);
      return parts.length === 0 ? [] : [`with ${entry.customerId ?? '?'}: ${parts.join('; ')}`];
    }),
  ];
}
