import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type CustomerFacts, type CustomerKind } from '@crosswalk/model';
import { type MatchFeatures } from '../../normalise/match-features';
import { type KindTrainingEvidence, type TrainingOptions } from '../match-model.trainer';
import { type FeatureWorkerReply, type FeatureWorkerRequest } from './feature-extraction.worker';
import { decodeFeatures } from './match-features.codec';
import { ParallelErrorCode, ParallelException } from './parallel.exception';

type Request = FeatureWorkerRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

/** What a worker cost its caller's thread and itself, for reports. */
export interface FeatureWorkerStats {
  /** Caller's thread: serialising facts and decoding features, in milliseconds. */
  callerMs: number;
  /** The worker's own time extracting features, in milliseconds. */
  workerMs: number;
  /** The worker's own time working out training evidence, in milliseconds. */
  trainingMs: number;
  /** Chunks of features extracted. */
  chunks: number;
}

/** One worker thread of `feature-extraction.worker`, answering requests in order. */
export class FeatureWorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (reply: FeatureWorkerReply) => void; reject: (error: Error) => void }
  >();
  private nextId = 0;
  private failure: Error | undefined;
  private readonly totals: FeatureWorkerStats = {
    callerMs: 0,
    workerMs: 0,
    trainingMs: 0,
    chunks: 0,
  };

  constructor() {
    // Run from TypeScript sources (benchmarks, tests), the worker compiles its file the way
    // the caller's process does; built, it is plain JavaScript beside this file.
    const extension = extname(__filename);
    this.worker = new Worker(join(__dirname, `feature-extraction.worker${extension}`), {
      execArgv: extension === '.ts' ? ['--require', '@swc-node/register'] : [],
    });
    this.worker.on('message', (reply: FeatureWorkerReply) => this.settle(reply));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => {
      this.failAll(
        new ParallelException(
          ParallelErrorCode.WorkerFailed,
          `a feature worker stopped (exit code ${code})`,
          { exitCode: code },
        ),
      );
    });
    // An idle worker does not keep the process alive.
    this.worker.unref();
  }

  /** Requests in flight. */
  get busy(): number {
    return this.pending.size;
  }

  stats(): FeatureWorkerStats {
    return { ...this.totals };
  }

  /** Features of `facts` (JSON data), in their order; kept in the worker when `keep`. */
  async extract(facts: readonly CustomerFacts[], keep: boolean): Promise<MatchFeatures[]> {
    const start = performance.now();
    const reply = this.request({ type: 'extract', facts: JSON.stringify(facts), keep });
    this.totals.callerMs += performance.now() - start;
    const answer = await reply;
    if (!('features' in answer)) throw this.unexpected(answer.id);
    const parseStart = performance.now();
    const features = decodeFeatures(answer.features);
    this.totals.callerMs += performance.now() - parseStart;
    this.totals.workerMs += answer.workerMs;
    this.totals.chunks += 1;
    return features;
  }

  /** Training evidence of the features the worker kept, which must number `records`. */
  async evidence(
    records: number,
    training: TrainingOptions,
  ): Promise<Record<CustomerKind, KindTrainingEvidence>> {
    const answer = await this.request({ type: 'evidence', records, training });
    if (!('evidence' in answer)) throw this.unexpected(answer.id);
    this.totals.trainingMs += answer.workerMs;
    return answer.evidence;
  }

  private unexpected(id: number): ParallelException {
    return new ParallelException(
      ParallelErrorCode.WorkerFailed,
      'a feature worker answered with something other than what was asked',
      { request: id },
    );
  }

  private request(request: Request): Promise<FeatureWorkerReply> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId;
    this.nextId += 1;
    const reply = new Promise<FeatureWorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
    });
    this.worker.ref();
    const message: FeatureWorkerRequest = { ...request, id };
    this.worker.postMessage(message);
    return reply;
  }

  /** Stops the worker; requests still in flight are rejected. */
  async close(): Promise<void> {
    this.failAll(new ParallelException(ParallelErrorCode.Closed, 'the feature worker was closed'));
    await this.worker.terminate();
  }

  private settle(reply: FeatureWorkerReply): void {
    const waiting = this.pending.get(reply.id);
    if (waiting === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if ('error' in reply) {
      waiting.reject(
        new ParallelException(ParallelErrorCode.WorkerFailed, reply.error, { request: reply.id }),
      );
    } else {
      waiting.resolve(reply);
    }
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const each of waiting) each.reject(error);
  }
}
