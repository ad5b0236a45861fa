import 'reflect-metadata';
import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { CONNECTOR_FACTORIES, ConnectorRegistry } from '@crosswalk/connectors';
import { redacted } from '@crosswalk/config';
import { bootOptionsFrom } from './boot/boot-options.factory';
import { type BootOptions } from './boot/boot-options';
import { loadAppConfig } from './boot/config.provider';
import { describeFailure } from './cli/describe-failure';
import { createProgressReporter } from './cli/progress-reporter';
import { formatRunSummary, formatStatus } from './cli/report-format';
import { CrosswalkCoreModule } from './crosswalk-core.module';
import { StatusUseCase } from './status/status.use-case';
import { RunSyncUseCase } from './sync/run-sync.use-case';

interface CommonOptions {
  config?: string;
}

async function withCore<T>(
  options: CommonOptions,
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const app = await NestFactory.createApplicationContext(
    CrosswalkCoreModule.forRoot(boot(options)),
    { logger: ['error', 'warn'], abortOnError: false },
  );
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

function boot(options: CommonOptions): BootOptions {
  return bootOptionsFrom(process.env, options.config);
}

const program = new Command()
  .name('crosswalk')
  .description('Sync customer records from CRMs and ERP systems into golden records and events.')
  .showHelpAfterError()
  .exitOverride();

program
  .command('sync')
  .description('run connectors from their checkpoints to completion, then relay the outbox')
  .option('-c, --config <dir>', 'config folder (default: $CROSSWALK_CONFIG_DIR or ./config)')
  .option('--connector <name>', 'run one connector (default: every enabled one)')
  .option('--full-delete-diff', 'also compare every id in the source with the replica')
  .option('--no-drain', 'leave the outbox for the service to relay')
  .action(
    async (
      options: CommonOptions & { connector?: string; fullDeleteDiff?: boolean; drain: boolean },
    ) => {
      const abort = new AbortController();
      const stop = () => abort.abort(new Error('interrupted by a signal'));
      process.once('SIGINT', stop).once('SIGTERM', stop);
      const progress = createProgressReporter(process.stderr);
      // The bars end before the summary is written, whether the run succeeded or not.
      const result = await withCore(options, (app) =>
        app.get(RunSyncUseCase).execute({
          trigger: 'cli',
          drain: options.drain,
          signal: abort.signal,
          onProgress: (update) => progress.update(update),
          ...(options.connector === undefined ? {} : { connector: options.connector }),
          ...(options.fullDeleteDiff ? { fullDeleteDiff: true } : {}),
        }),
      ).finally(() => progress.stop());
      process.stdout.write(formatRunSummary(result));
    },
  );

program
  .command('validate-config')
  .description(
    'load and validate the config and every mapping (--print shows it, secrets redacted)',
  )
  .option('-c, --config <dir>', 'config folder (default: $CROSSWALK_CONFIG_DIR or ./config)')
  .option('--print', 'print the resolved config, secrets redacted')
  .action(async (options: CommonOptions & { print?: boolean }) => {
    const config = await loadAppConfig(boot(options), new ConnectorRegistry(CONNECTOR_FACTORIES));
    const names = config.connectors.map((connector) => connector.name).join(', ');
    process.stdout.write(`${config.file}: valid; connectors: ${names || 'none'}\n`);
    if (options.print) process.stdout.write(`${JSON.stringify(redacted(config), null, 2)}\n`);
  });

program
  .command('status')
  .description('customers, connectors, last runs, quarantine and the outbox backlog')
  .option('-c, --config <dir>', 'config folder (default: $CROSSWALK_CONFIG_DIR or ./config)')
  .option('--json', 'print JSON')
  .action(async (options: CommonOptions & { json?: boolean }) => {
    const report = await withCore(options, (app) => app.get(StatusUseCase).execute());
    process.stdout.write(
      options.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report),
    );
  });

program.parseAsync(process.argv).then(
  () => process.exit(0),
  (error: unknown) => {
    const code = (error as { code?: unknown }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') process.exit(0);
    if (typeof code === 'string' && code.startsWith('commander.')) process.exit(2);
    process.stderr.write(`crosswalk: ${describeFailure(error)}\n`);
    process.exit(1);
  },
);
