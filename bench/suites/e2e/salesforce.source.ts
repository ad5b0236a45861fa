import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxProcess } from '../salesforce/sandbox-process';
import { type BenchSource, type BenchWorkspaceView } from './bench-source';
import { poolCustomer } from './customer-pool';

// Accounts carry no e-mail in the sandbox's schema: overlapping customers meet on the VAT id.
const MAPPING = `objects:
  Account:
    kind: organization
    externalId: Id
    modifiedAt: LastModifiedDate
    fields:
      legalName: { from: Name, transforms: [trim] }
      phones: { from: Phone }
      addresses[0].country: { from: BillingCountry, transforms: [trim] }
      identifiers.vat: { from: VAT_Number__c, transforms: [upper] }
`;

/** Records per control-API call while loading and changing the org. */
const BATCH = 2_000;
/** Sandbox-clock time between two loaded batches. */
const BATCH_SPACING_MS = 60 * 60_000;

interface SandboxCredentials {
  consumerKey: string;
  username: string;
  privateKey: string | null;
}

/**
 * The CRM sandbox's Salesforce org in a process of its own, started empty and loaded with this
 * source's pool customers as Accounts through the control API; a salesforce connector reads it
 * with the JWT bearer flow.
 */
export class SalesforceBenchSource implements BenchSource {
  readonly type = 'salesforce';
  readonly mappingYaml = MAPPING;
  private sandbox: SandboxProcess | null = null;
  private credentials: SandboxCredentials | null = null;
  private optionsDir: string | null = null;
  /** Account ids in pool-share order. */
  private ids: string[] = [];

  constructor(
    readonly name: string,
    private readonly indexes: readonly number[],
    readonly pageSize: number,
  ) {}

  async prepare(workspace: BenchWorkspaceView): Promise<void> {
    this.optionsDir = mkdtempSync(join(tmpdir(), 'crosswalk-bench-sandbox-'));
    const optionsFile = join(this.optionsDir, 'salesforce.json');
    writeFileSync(
      optionsFile,
      JSON.stringify({ records: { Account: 0, Contact: 0, Lead: 0 }, dirtyRate: 0 }),
    );
    this.sandbox = await SandboxProcess.start(optionsFile);
    this.credentials = await this.sandbox.control<SandboxCredentials>('GET', '/credentials');
    if (!this.credentials.privateKey) throw new Error(`${this.name}: the sandbox has no JWT key`);
    const secrets = join(workspace.dir, 'config', 'secrets');
    mkdirSync(secrets, { recursive: true });
    writeFileSync(join(secrets, this.keyFile()), this.credentials.privateKey, { mode: 0o600 });

    // The org's history lies in the past, a batch per BATCH_SPACING_MS, so the connector's
    // overlap window (SystemModstamp rewound a few minutes) covers only the newest batch.
    const batches = Math.ceil(this.indexes.length / BATCH);
    for (let start = 0; start < this.indexes.length; start += BATCH) {
      const back = (batches - start / BATCH) * BATCH_SPACING_MS;
      await this.setClock(new Date(Date.now() - back));
      const accounts = this.indexes.slice(start, start + BATCH).map((index) => {
        const customer = poolCustomer(index);
        return {
          Name: customer.name,
          BillingCountry: customer.country,
          Phone: customer.phone,
          VAT_Number__c: customer.vat,
        };
      });
      const { ids } = await this.running().control<{ ids: string[] }>(
        'POST',
        '/records/Account/batch',
        accounts,
      );
      this.ids.push(...ids);
    }
    await this.setClock(new Date());
  }

  options(): string[] {
    const credentials = this.credentials;
    if (credentials === null) throw new Error(`${this.name}: prepare() has not run`);
    return [
      `loginUrl: ${this.running().url}`,
      'auth:',
      '  flow: jwt',
      `  clientId: ${credentials.consumerKey}`,
      `  username: ${credentials.username}`,
      `  privateKey: \${file:secrets/${this.keyFile()}}`,
      'objects:',
      '  - name: Account',
      'pollIntervalMs: 200',
    ];
  }

  env(): Record<string, string> {
    return {};
  }

  /** Renames every (1/fraction)-th Account, as users edit the CRM. */
  async change(_workspace: unknown, fraction: number, round: number): Promise<number> {
    const every = Math.max(1, Math.round(1 / fraction));
    const updates = this.ids
      .map((id, position) => ({ id, position }))
      .filter(({ position }) => (position + 1) % every === 0)
      .map(({ id, position }) => ({
        Id: id,
        Name: `${poolCustomer(this.indexes[position] ?? 0).name} (rev ${round})`,
      }));
    for (let start = 0; start < updates.length; start += BATCH) {
      await this.running().control(
        'PATCH',
        '/records/Account/batch',
        updates.slice(start, start + BATCH),
      );
    }
    return updates.length;
  }

  async cleanup(): Promise<void> {
    await this.sandbox?.stop();
    this.sandbox = null;
    if (this.optionsDir !== null) rmSync(this.optionsDir, { recursive: true, force: true });
    this.optionsDir = null;
  }

  private async setClock(at: Date): Promise<void> {
    await this.running().control('POST', '/clock', { set: at.toISOString() });
  }

  private running(): SandboxProcess {
    if (this.sandbox === null) throw new Error(`${this.name}: prepare() has not run`);
    return this.sandbox;
  }

  private keyFile(): string {
    return `${this.name.replace(/[^A-Za-z0-9-]/g, '-')}.key`;
  }
}
