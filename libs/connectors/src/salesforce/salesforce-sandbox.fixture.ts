import { Logger } from '@nestjs/common';
import {
  type CrmSandbox,
  type CrmSandboxOptions,
  startCrmSandbox,
} from '../../../../apps/crm-sandbox/src';
import { type Checkpoint, type RawSourceRecord, type SourcePage } from '../port/connector.port';
import { SalesforceConnector } from './salesforce.connector';
import { SalesforceConnectorOptions, SalesforceObjectOptions } from './salesforce.options';

/** A logger that keeps the warnings it is given, for assertions. */
export class RecordingLogger extends Logger {
  readonly warnings: string[] = [];

  override warn(message: unknown): void {
    this.warnings.push(String(message));
  }

  override log(): void {}
}

/** The test side of the sandbox: the server, connectors against it, and runs to the end. */
export class SandboxFixture {
  private readonly open: SalesforceConnector[] = [];
  readonly logger = new RecordingLogger('salesforce-test');

  private constructor(readonly sandbox: CrmSandbox) {}

  static async start(options: CrmSandboxOptions): Promise<SandboxFixture> {
    return new SandboxFixture(await startCrmSandbox(options));
  }

  get control(): CrmSandbox['salesforce'] {
    return this.sandbox.salesforce;
  }

  /** A connector with the password flow (the sandbox is a sandbox org) unless `auth` is given. */
  connector(
    plain: Partial<Omit<SalesforceConnectorOptions, 'objects'>> & {
      objects?: Partial<SalesforceObjectOptions>[];
    } = {},
  ): SalesforceConnector {
    const credentials = this.control.credentials();
    const options = Object.assign(new SalesforceConnectorOptions(), {
      loginUrl: this.sandbox.url,
      auth: {
        flow: 'password',
        clientId: credentials.consumerKey,
        clientSecret: credentials.consumerSecret,
        username: credentials.username,
        password: credentials.password,
        sandbox: true,
      },
      pollIntervalMs: 20,
      overlapSeconds: 0,
      requestTimeoutMs: 10_000,
      ...plain,
      objects: (plain.objects ?? [{ name: 'Account' }]).map((o) =>
        Object.assign(new SalesforceObjectOptions(), o),
      ),
    });
    const connector = new SalesforceConnector({
      name: 'crm',
      options,
      baseDir: '.',
      logger: this.logger,
    });
    this.open.push(connector);
    return connector;
  }

  async close(): Promise<void> {
    await Promise.all(this.open.splice(0).map((c) => c.close()));
    await this.sandbox.close();
  }
}

export interface RunResult {
  pages: SourcePage[];
  records: RawSourceRecord[];
  checkpoint: Checkpoint | null;
}

/** Reads to the end (or `stopAfter` pages, as a crash would), between pages calling `between`. */
export async function runToEnd(
  connector: SalesforceConnector,
  checkpoint: Checkpoint | null,
  pageSize: number,
  options: { stopAfter?: number; between?: (page: SourcePage, index: number) => void } = {},
): Promise<RunResult> {
  const pages: SourcePage[] = [];
  const records: RawSourceRecord[] = [];
  let last = checkpoint;
  for await (const page of connector.read({ checkpoint, pageSize })) {
    pages.push(page);
    records.push(...page.records);
    last = page.checkpoint;
    options.between?.(page, pages.length - 1);
    if (options.stopAfter !== undefined && pages.length >= options.stopAfter) break;
  }
  return { pages, records, checkpoint: last };
}

/** Catches what `work` throws. */
export async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}
