import { type RawSourceRecord } from '../port/connector.port';
import { parseSalesforceCheckpoint } from './salesforce.checkpoint';
import { runToEnd, SandboxFixture } from './salesforce-sandbox.fixture';

const ids = (records: readonly RawSourceRecord[]): string[] => records.map((r) => r.externalId);

describe('SalesforceConnector Bulk API 2.0 path against the CRM sandbox', () => {
  let fixture: SandboxFixture;
  afterEach(() => fixture.close());

  it('reads a large object by a Bulk job, resumes a crash on the same job, then follows changes by REST', async () => {
    fixture = await SandboxFixture.start({
      seed: 3,
      salesforce: { records: { Account: 25_000, Contact: 0, Lead: 0 } },
    });
    const crashed = await runToEnd(fixture.connector(), null, 2000, { stopAfter: 5 });
    const cursor = parseSalesforceCheckpoint(crashed.checkpoint).objects['Account'];
    expect(cursor?.bulk).toEqual(
      expect.objectContaining({ operation: 'query', done: 8000, locator: expect.any(String) }),
    );
    expect(crashed.records[0]?.payload).not.toHaveProperty('BillingAddress');
    expect(crashed.records[0]?.payload).toHaveProperty('BillingCity');

    // changed after the snapshot's upper bound: read again by the REST scan that follows
    const changed = ids(crashed.records).slice(0, 3);
    for (const id of changed)
      fixture.control.updateRecord('Account', id, { Name: 'After the snapshot' });

    const rest = await runToEnd(fixture.connector(), crashed.checkpoint, 2000);
    const all = [...ids(crashed.records), ...ids(rest.records)];
    expect(new Set(all).size).toBe(25_000);
    expect(all.length).toBe(25_000 + changed.length);
    expect(rest.records.slice(-3).map((r) => r.payload['Name'])).toEqual(
      Array(3).fill('After the snapshot'),
    );
    expect(fixture.control.callCounts()['bulk.create']).toBe(1);
    const done = parseSalesforceCheckpoint(rest.checkpoint).objects['Account'];
    expect(done).toEqual(expect.objectContaining({ bulk: null, loaded: true, caughtUp: true }));
  });

  it('stops waiting between Bulk job polls as soon as the run is aborted', async () => {
    fixture = await SandboxFixture.start({
      seed: 3,
      salesforce: {
        records: { Account: 50, Contact: 0, Lead: 0 },
        bulkPollsUntilComplete: 1_000,
      },
    });
    const connector = fixture.connector({ bulkThreshold: 10, pollIntervalMs: 60_000 });
    const abort = new AbortController();
    const pages = connector
      .read({ checkpoint: null, pageSize: 10, signal: abort.signal })
      [Symbol.asyncIterator]();
    const first = await pages.next();
    if (first.done) throw new Error('expected the page that commits the Bulk job');
    // the job is committed first; then the connector polls it and waits a minute between polls
    expect(parseSalesforceCheckpoint(first.value.checkpoint).objects['Account']?.bulk).toEqual(
      expect.objectContaining({ operation: 'query' }),
    );
    const started = Date.now();
    setTimeout(() => abort.abort(), 200);
    await expect(pages.next()).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fixture.control.callCounts()['bulk.status']).toBe(1);
  });

  it('reads 200,000 records page by page in bounded memory', async () => {
    fixture = await SandboxFixture.start({
      seed: 5,
      salesforce: { records: { Account: 200_000, Contact: 0, Lead: 0 } },
    });
    const connector = fixture.connector({ requestTimeoutMs: 120_000 });
    const before = process.memoryUsage();
    let peakHeap = before.heapUsed;
    let peakRss = before.rss;
    let count = 0;
    const seen = new Set<string>();
    const started = Date.now();
    for await (const page of connector.read({ checkpoint: null, pageSize: 5000 })) {
      count += page.records.length;
      for (const record of page.records) seen.add(record.externalId);
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed);
      peakRss = Math.max(peakRss, now.rss);
    }
    const seconds = (Date.now() - started) / 1000;
    const mb = (bytes: number): number => Math.round(bytes / 1048576);
    // figures for the benchmarks
    process.stdout.write(
      `salesforce bulk 200k: ${count} records in ${seconds.toFixed(1)} s ` +
        `(${Math.round(count / seconds)} records/s), heap growth peak ${mb(peakHeap - before.heapUsed)} MB, ` +
        `RSS growth peak ${mb(peakRss - before.rss)} MB\n`,
    );
    expect(count).toBe(200_000);
    expect(seen.size).toBe(200_000);
    // no bound asserted on memory: the sandbox shares this process and its heap dominates the
    // figures; the connector holds one results page (pageSize records) at a time
  });
});
