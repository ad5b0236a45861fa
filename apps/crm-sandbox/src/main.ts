import { readFileSync } from 'node:fs';
import { type SalesforceSandboxOptions } from './salesforce/salesforce-sandbox.options';
import { startCrmSandbox } from './start-crm-sandbox';

/**
 * Standalone sandbox. Environment: CRM_SANDBOX_PORT (default 4010; 0 picks a free port),
 * CRM_SANDBOX_HOST, CRM_SANDBOX_SEED, CRM_SANDBOX_ACCOUNTS / _CONTACTS / _LEADS,
 * CRM_SANDBOX_DAILY_API_LIMIT, and CRM_SANDBOX_SALESFORCE_OPTIONS: a JSON file of Salesforce
 * options (`includeRecords`, `connectedApps`, ...) that the variables above override.
 */
async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const count = (name: string): number | undefined => (env[name] ? Number(env[name]) : undefined);
  const file = env.CRM_SANDBOX_SALESFORCE_OPTIONS;
  const fromFile = file
    ? (JSON.parse(readFileSync(file, 'utf8')) as SalesforceSandboxOptions)
    : undefined;
  const records = Object.fromEntries(
    Object.entries({
      Account: count('CRM_SANDBOX_ACCOUNTS'),
      Contact: count('CRM_SANDBOX_CONTACTS'),
      Lead: count('CRM_SANDBOX_LEADS'),
    }).filter(([, value]) => value !== undefined),
  );
  const sandbox = await startCrmSandbox({
    port: count('CRM_SANDBOX_PORT') ?? 4010,
    host: env.CRM_SANDBOX_HOST ?? '127.0.0.1',
    seed: count('CRM_SANDBOX_SEED') ?? 1,
    logLevels: ['error', 'warn'],
    salesforce: {
      ...fromFile,
      records: { ...fromFile?.records, ...records },
      ...(count('CRM_SANDBOX_DAILY_API_LIMIT')
        ? { dailyApiLimit: count('CRM_SANDBOX_DAILY_API_LIMIT') }
        : {}),
    },
  });
  process.stdout.write(
    `crm-sandbox listening on ${sandbox.url} (credentials: ${sandbox.url}/__sandbox/salesforce/credentials)\n`,
  );
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.env).catch((error: unknown) => {
  process.stderr.write(`crm-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
