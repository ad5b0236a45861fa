import 'reflect-metadata';
import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { CONNECTOR_FACTORIES, ConnectorRegistry } from '@crosswalk/connectors';
import { redacted } from '@crosswalk/config';
import { type SourceKey } from '@crosswalk/model';
import { type Actor, type CurationOutcome, CustomerCurationService } from '@crosswalk/sync';
import { bootOptionsFrom } from './boot/boot-options.factory';
import { type BootOptions } from './boot/boot-options';
import { loadAppConfig } from './boot/config.provider';
import { describeFailure } from './cli/describe-failure';
import {
  operatorOf,
  parseField,
  parseGroup,
  parseLimit,
  parsePinValue,
} from './cli/curation-arguments';
import {
  formatExplanation,
  formatOutcome,
  formatReconcileReport,
  formatReviewPage,
} from './cli/curation-format';
import { createProgressReporter } from './cli/progress-reporter';
import { formatRunSummary, formatStatus } from './cli/report-format';
import { CrosswalkCoreModule } from './crosswalk-core.module';
import { DEFAULT_REVIEW_PAGE, type PinnableField } from './curation/curation-input';
import { StatusUseCase } from './status/status.use-case';
import { FullReconcileUseCase } from './reconcile/full-reconcile.use-case';
import { RunSyncUseCase } from './sync/run-sync.use-case';

interface CommonOptions {
  config?: string;
}

interface OutputOptions extends CommonOptions {
  json?: boolean;
}

interface ActorOptions extends OutputOptions {
  by?: string;
  note?: string;
}

async function withCore<T>(
  options: CommonOptions,
  work: (app: INestApplicationContext) => Promise<T>,
  bootOptions: BootOptions = boot(options),
): Promise<T> {
  const app = await NestFactory.createApplicationContext(CrosswalkCoreModule.forRoot(bootOptions), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
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

const CONFIG_OPTION = [
  '-c, --config <dir>',
  'config folder (default: $CROSSWALK_CONFIG_DIR or ./config)',
] as const;

/** Machine output with --json, a short summary otherwise. */
function print<T>(options: OutputOptions, result: T, format: (value: T) => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : format(result));
}

/** Runs one curation command: `--by` (default the login name) and `--note` become the actor. */
async function curate(
  options: ActorOptions,
  command: (curation: CustomerCurationService, actor: Actor) => Promise<CurationOutcome>,
): Promise<void> {
  const bootOptions = boot(options);
  const actor: Actor = {
    by: options.by ?? operatorOf(bootOptions),
    ...(options.note === undefined ? {} : { note: options.note }),
  };
  const outcome = await withCore(
    options,
    (app) => command(app.get(CustomerCurationService), actor),
    bootOptions,
  );
  print(options, outcome, formatOutcome);
}

program
  .command('reconcile')
  .description('re-cluster every source record (connected components) and write the difference')
  .option(...CONFIG_OPTION)
  .requiredOption('--full', 'every record, not only changed ones (the only mode so far)')
  .option('--retrain', 'train a new match model even when one is stored')
  .option('--dry-run', 'report the changes without writing them')
  .option('--no-drain', 'leave the outbox for the service to relay')
  .option('--json', 'print JSON')
  .action(
    async (options: OutputOptions & { retrain?: boolean; dryRun?: boolean; drain: boolean }) => {
      const report = await withCore(options, (app) =>
        app.get(FullReconcileUseCase).execute({
          retrain: options.retrain === true,
          dryRun: options.dryRun === true,
          drain: options.drain,
        }),
      );
      print(options, report, formatReconcileReport);
    },
  );

const review = program.command('review').description('the match review queue');

review
  .command('list')
  .description('pending reviews, oldest first')
  .option(...CONFIG_OPTION)
  .option('--limit <n>', 'reviews per page, 1-500', parseLimit, DEFAULT_REVIEW_PAGE)
  .option('--after <cursor>', "the previous page's cursor")
  .option('--json', 'print JSON')
  .action(async (options: OutputOptions & { limit: number; after?: string }) => {
    const page = await withCore(options, (app) =>
      app
        .get(CustomerCurationService)
        .listReviews(
          options.after === undefined
            ? { limit: options.limit }
            : { limit: options.limit, after: options.after },
        ),
    );
    print(options, page, formatReviewPage);
  });

for (const decision of ['accept', 'reject'] as const) {
  review
    .command(`${decision} <id>`)
    .description(
      decision === 'accept'
        ? 'the pair is one customer: merge them, and remember it'
        : 'the pair is two customers: never propose it again',
    )
    .option(...CONFIG_OPTION)
    .option('--by <name>', 'who decides (default: $USER)')
    .option('--note <text>', 'why, for the audit trail')
    .option('--json', 'print JSON')
    .action(async (id: string, options: ActorOptions) => {
      await curate(options, (curation, actor) =>
        decision === 'accept' ? curation.acceptReview(id, actor) : curation.rejectReview(id, actor),
      );
    });
}

const customer = program.command('customer').description('explain and curate golden records');

customer
  .command('explain <id>')
  .description('links with their evidence, field lineage and pinned values')
  .option(...CONFIG_OPTION)
  .option('--json', 'print JSON (with comparisons and weights)')
  .action(async (id: string, options: OutputOptions) => {
    const explanation = await withCore(options, (app) =>
      app.get(CustomerCurationService).explain(id),
    );
    if (explanation === null) throw new Error(`no customer ${id}`);
    print(options, explanation, formatExplanation);
  });

customer
  .command('pin')
  .description('pin a field to a value that survives later syncs')
  .argument('<id>', 'customer id')
  .argument('<field>', 'a canonical field but kind (docs/model.md)', parseField)
  .argument('<value>', 'JSON (e.g. \'["a@b.se"]\'), or plain text', parsePinValue)
  .option(...CONFIG_OPTION)
  .option('--reason <text>', 'why, for the audit trail')
  .option('--by <name>', 'who pins (default: $USER)')
  .option('--json', 'print JSON')
  .action(
    async (
      id: string,
      field: PinnableField,
      value: unknown,
      options: ActorOptions & { reason?: string },
    ) => {
      const { reason, ...rest } = options;
      await curate(
        { ...rest, ...(reason === undefined ? {} : { note: reason }) },
        (curation, actor) => curation.pin(id, field, value, actor),
      );
    },
  );

customer
  .command('unpin')
  .description('remove a pin: survivorship decides the field again')
  .argument('<id>', 'customer id')
  .argument('<field>', 'a canonical field but kind (docs/model.md)', parseField)
  .option(...CONFIG_OPTION)
  .option('--by <name>', 'who unpins (default: $USER)')
  .option('--json', 'print JSON')
  .action(async (id: string, field: PinnableField, options: ActorOptions) => {
    await curate(options, (curation, actor) => curation.unpin(id, field, actor));
  });

customer
  .command('split <id>')
  .description('move groups of source records out into new customers')
  .option(...CONFIG_OPTION)
  .requiredOption(
    '--group <keys>',
    'connector/object/externalId[,...]: one new customer; repeat for more',
    parseGroup,
  )
  .option('--by <name>', 'who splits (default: $USER)')
  .option('--note <text>', 'why, for the audit trail')
  .option('--json', 'print JSON')
  .action(async (id: string, options: ActorOptions & { group: SourceKey[][] }) => {
    await curate(options, (curation, actor) => curation.split(id, options.group, actor));
  });

customer
  .command('unmerge <id> <absorbedId>')
  .description('give a customer absorbed by a merge back its records and its id')
  .option(...CONFIG_OPTION)
  .option('--by <name>', 'who unmerges (default: $USER)')
  .option('--note <text>', 'why, for the audit trail')
  .option('--json', 'print JSON')
  .action(async (id: string, absorbedId: string, options: ActorOptions) => {
    await curate(options, (curation, actor) => curation.unmerge(id, absorbedId, actor));
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
