import { type CustomerFacts } from '@crosswalk/model';
import {
  DEFAULT_SYNTHETIC_OPTIONS,
  fakerPools,
  generateSourceRecords,
  toSyntheticObservation,
} from '@crosswalk/synthetic';
import { MatchFeatureExtractor } from '../../normalise/match-features';
import { extractFeaturesInParallel, FeatureExtractionPool } from './feature-extraction.pool';
import { ParallelErrorCode } from './parallel.exception';

const facts: CustomerFacts[] = [];
for (const record of generateSourceRecords(fakerPools(DEFAULT_SYNTHETIC_OPTIONS.countries, 7), {
  records: 3_000,
  seed: 7,
})) {
  facts.push(toSyntheticObservation(record).observation.facts);
}
const extractor = new MatchFeatureExtractor();
const serial = facts.map((record) => extractor.extract(record));

describe('FeatureExtractionPool', () => {
  it.each([
    { workers: 1, chunkSize: 3_000 },
    { workers: 2, chunkSize: 250 },
    { workers: 3, chunkSize: 999 },
  ])(
    'extracts what the serial extractor does ($workers workers, chunks of $chunkSize)',
    async (options) => {
      const parallel = await extractFeaturesInParallel(facts, options);
      expect(parallel).toEqual(serial);
    },
  );

  it('counts the chunks and the time they cost', async () => {
    const pool = new FeatureExtractionPool({ workers: 1 });
    try {
      await Promise.all([pool.extract(facts.slice(0, 10)), pool.extract(facts.slice(10, 20))]);
      const stats = pool.stats();
      // Caller's time is serialising and parsing; the worker's, extracting.
      expect(stats.chunks).toBe(2);
      expect(stats.workerMs).toBeGreaterThan(0);
      expect(stats.callerMs).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it('refuses work once closed', async () => {
    const pool = new FeatureExtractionPool({ workers: 1 });
    await pool.close();
    await expect(pool.extract(facts.slice(0, 1))).rejects.toMatchObject({
      code: ParallelErrorCode.Closed,
    });
  });

  it.each([0, -1, 1.5])('refuses %p workers', (workers) => {
    expect(() => new FeatureExtractionPool({ workers })).toThrow(
      expect.objectContaining({ code: ParallelErrorCode.InvalidOptions }) as Error,
    );
  });
});
