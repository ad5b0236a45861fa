import { type CustomerFacts, type CustomerKind } from '@crosswalk/model';
import { type MatchFeatures } from '../../normalise/match-features';
import {
  type BatchLinkOptions,
  type BatchLinkResult,
  batchLinkSettings,
  compareCandidates,
  scoreAndCluster,
} from '../batch.linker';
import { kindTermFrequencies, modelFromEvidence } from '../match-model.trainer';
import { FeatureWorkerClient, type FeatureWorkerStats } from './feature-worker.client';

/**
 * What `ParallelBatchLinker` can be told. Rules, comparisons and blocking options are the
 * defaults: they hold functions, which cannot be sent to a worker thread.
 */
export type ParallelBatchLinkOptions = Partial<
  Pick<BatchLinkOptions, 'training' | 'model' | 'cannotLink' | 'decisions'>
>;

/**
 * `linkBatch` on two threads, with the same result: a worker extracts the features of the
 * records chunk by chunk and keeps them; when linking, it works out the training evidence
 * (u samples, the sessions' blocking and patterns) from its copy while the caller's thread
 * blocks, compares the candidate pairs and counts term frequencies; the caller then fits
 * the model, scores and clusters. Link once per linker, with the features `extract` returned, in
 * the order of the calls.
 */
export class ParallelBatchLinker {
  private readonly worker = new FeatureWorkerClient();

  /** Features of `facts` (JSON data), in their order; the worker keeps a copy. */
  async extract(facts: readonly CustomerFacts[]): Promise<MatchFeatures[]> {
    return this.worker.extract(facts, true);
  }

  /** `linkBatch(records, options)`, `records` being every chunk `extract` returned, in order. */
  async link(
    records: readonly MatchFeatures[],
    options: ParallelBatchLinkOptions = {},
  ): Promise<BatchLinkResult> {
    const settings = batchLinkSettings(options);
    if (settings.model !== undefined) {
      return scoreAndCluster(
        records,
        settings,
        compareCandidates(records, settings),
        settings.model,
      );
    }
    // Asked first, so the worker trains while this thread blocks and compares; a failure is
    // taken when awaited, after the comparisons.
    const evidence = this.worker.evidence(records.length, settings.training);
    evidence.catch(() => undefined);
    const compared = compareCandidates(records, settings);
    const frequencies = termFrequenciesByKind(records, settings);
    const sampled = await evidence;
    for (const kind of ['person', 'organization'] as const) {
      sampled[kind].termFrequencies = frequencies[kind];
    }
    const model = modelFromEvidence(
      sampled,
      compared.counts,
      settings.comparisons,
      settings.training,
    );
    return scoreAndCluster(records, settings, compared, model);
  }

  stats(): FeatureWorkerStats {
    return this.worker.stats();
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    await this.worker.close();
  }
}

function termFrequenciesByKind(
  records: readonly MatchFeatures[],
  settings: BatchLinkOptions,
): Record<CustomerKind, (Record<string, number> | undefined)[]> {
  const byKind = {} as Record<CustomerKind, (Record<string, number> | undefined)[]>;
  for (const kind of ['person', 'organization'] as const) {
    byKind[kind] = kindTermFrequencies(
      kind,
      records.filter((record) => record.kind === kind),
      settings.comparisons,
      settings.training,
    );
  }
  return byKind;
}
