import { type CustomerFacts } from '@crosswalk/model';
import {
  DEFAULT_SYNTHETIC_OPTIONS,
  fakerPools,
  generateSourceRecords,
  toSyntheticObservation,
} from '@crosswalk/synthetic';
import { MatchFeatureExtractor, type MatchFeatures } from '../../normalise/match-features';
import { type BatchLinkResult, linkBatch } from '../batch.linker';
import { fixtureModel } from '../match-model.fixture';
import { DEFAULT_TRAINING_OPTIONS } from '../match-model.trainer';
import { ParallelBatchLinker } from './parallel-batch.linker';
import { ParallelErrorCode } from './parallel.exception';

const facts: CustomerFacts[] = [];
for (const record of generateSourceRecords(fakerPools(DEFAULT_SYNTHETIC_OPTIONS.countries, 11), {
  records: 4_000,
  seed: 11,
})) {
  facts.push(toSyntheticObservation(record).observation.facts);
}
const extractor = new MatchFeatureExtractor();
const serialFeatures = facts.map((record) => extractor.extract(record));
// Fewer u samples keep the spec quick; the parallel path must match whatever the options are.
const training = { ...DEFAULT_TRAINING_OPTIONS, uSamples: 50_000 };

async function linkInParallel(
  chunkSize: number,
  options: Parameters<ParallelBatchLinker['link']>[1] = { training },
): Promise<{ features: MatchFeatures[]; result: BatchLinkResult }> {
  const linker = new ParallelBatchLinker();
  try {
    const chunks: Promise<MatchFeatures[]>[] = [];
    for (let start = 0; start < facts.length; start += chunkSize) {
      chunks.push(linker.extract(facts.slice(start, start + chunkSize)));
    }
    const features = (await Promise.all(chunks)).flat();
    return { features, result: await linker.link(features, options) };
  } finally {
    await linker.close();
  }
}

describe('ParallelBatchLinker', () => {
  const serial = linkBatch(serialFeatures, { training });

  it.each([700, 4_000])(
    'gives exactly what linkBatch does on one thread (chunks of %p)',
    async (chunkSize) => {
      const { features, result } = await linkInParallel(chunkSize);
      expect(features).toEqual(serialFeatures);
      expect(serial.candidatePairs).toBeGreaterThan(1_000);
      expect(serial.linkedPairs).toBeGreaterThan(100);
      expect(result.candidatePairs).toBe(serial.candidatePairs);
      expect(result.model).toEqual(serial.model);
      expect(result.clusterOf).toEqual(serial.clusterOf);
      expect(result.linkedPairs).toBe(serial.linkedPairs);
      expect(result.reviewPairs).toEqual(serial.reviewPairs);
      expect(result.refusedLinks).toEqual(serial.refusedLinks);
      expect(result.blocking).toEqual(serial.blocking);
    },
  );

  it('uses a given model as linkBatch does', async () => {
    const model = fixtureModel();
    const decisions = [{ left: 0, right: 1, verdict: 'same' as const }];
    const { result } = await linkInParallel(2_000, { model, decisions });
    expect(result).toEqual(linkBatch(serialFeatures, { model, decisions }));
  });

  it('refuses to link records other than those it extracted', async () => {
    const linker = new ParallelBatchLinker();
    try {
      const features = await linker.extract(facts.slice(0, 100));
      await expect(linker.link(features.slice(0, 99), { training })).rejects.toMatchObject({
        code: ParallelErrorCode.WorkerFailed,
      });
    } finally {
      await linker.close();
    }
  });
});
