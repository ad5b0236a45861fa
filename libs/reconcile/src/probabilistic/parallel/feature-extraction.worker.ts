/**
 * Worker-thread side of the parallel runners: extracts match features from chunks of facts,
 * keeps them when asked, and works out the training evidence of the features it kept (but
 * the term frequencies, which the caller counts meanwhile).
 * Facts travel as one JSON string, features as a string table and an integer array
 * (`match-features.codec`), which copy in blocks instead of object by object.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { type CustomerFacts, type CustomerKind } from '@crosswalk/model';
import { DEFAULT_BLOCKING_RULES } from '../../blocking/blocking-rule';
import { DEFAULT_CANDIDATE_PAIR_OPTIONS } from '../../blocking/candidate-pairs';
import { MatchFeatureExtractor, type MatchFeatures } from '../../normalise/match-features';
import { DEFAULT_COMPARISONS } from '../comparison.definitions';
import {
  type KindTrainingEvidence,
  trainingEvidence,
  type TrainingOptions,
} from '../match-model.trainer';
import { encodeFeatures, type EncodedFeatures } from './match-features.codec';

export type FeatureWorkerRequest =
  | {
      type: 'extract';
      id: number;
      /** JSON of `CustomerFacts[]`. */
      facts: string;
      /** Keep the features, after those of earlier chunks, for `evidence`. */
      keep: boolean;
    }
  | {
      type: 'evidence';
      id: number;
      /** How many features the worker must hold: a check that it holds the caller's records. */
      records: number;
      training: TrainingOptions;
    };

export type FeatureWorkerReply =
  | {
      id: number;
      /** Features, in the order of the facts. */
      features: EncodedFeatures;
      /** Time the worker spent on the request, in milliseconds. */
      workerMs: number;
    }
  | { id: number; evidence: Record<CustomerKind, KindTrainingEvidence>; workerMs: number }
  | { id: number; error: string };

if (!isMainThread && parentPort !== null) {
  const port = parentPort;
  const extractor = new MatchFeatureExtractor();
  let kept: MatchFeatures[] = [];
  const answer = (request: FeatureWorkerRequest): FeatureWorkerReply => {
    const start = performance.now();
    if (request.type === 'extract') {
      const facts = JSON.parse(request.facts) as CustomerFacts[];
      const features = facts.map((record) => extractor.extract(record));
      if (request.keep) for (const each of features) kept.push(each);
      return { id: request.id, features: encodeFeatures(features), workerMs: elapsed(start) };
    }
    if (kept.length !== request.records) {
      return {
        id: request.id,
        error: `the worker holds ${kept.length} records' features, not the ${request.records} being linked`,
      };
    }
    const evidence = trainingEvidence(
      kept,
      DEFAULT_COMPARISONS,
      request.training,
      DEFAULT_BLOCKING_RULES,
      DEFAULT_CANDIDATE_PAIR_OPTIONS,
      // The caller counts them while this thread blocks for the sessions.
      false,
    );
    // A batch is linked once; the features are not needed again.
    kept = [];
    return { id: request.id, evidence, workerMs: elapsed(start) };
  };
  port.on('message', (request: FeatureWorkerRequest) => {
    let reply: FeatureWorkerReply;
    try {
      reply = answer(request);
    } catch (error: unknown) {
      reply = {
        id: request.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
    }
    // The integer array is moved to the caller, not copied.
    port.postMessage(
      reply,
      'features' in reply ? [reply.features.codes.buffer as ArrayBuffer] : [],
    );
  });
}

function elapsed(start: number): number {
  return performance.now() - start;
}
