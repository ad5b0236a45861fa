import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CodedError } from '@crosswalk/model';
import { SyncErrorCode } from '@crosswalk/sync';
import { CronJob } from 'cron';
import { CROSSWALK_CONFIG } from '../boot/boot-options';
import { type AppConfig } from '../boot/config.provider';
import { RunSyncUseCase } from '../sync/run-sync.use-case';
import { formatRunTimings } from '../sync/run-timings.format';

/** One cron job per enabled connector that has a `schedule`. */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(SyncScheduler.name);

  constructor(
    @Inject(CROSSWALK_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly runSync: RunSyncUseCase,
  ) {}

  onApplicationBootstrap(): void {
    for (const entry of this.config.connectors) {
      if (!entry.enabled || entry.schedule === undefined) continue;
      const job = CronJob.from({
        cronTime: entry.schedule,
        onTick: () => this.tick(entry.name),
        // A tick that finds the previous run still going skips; the lease would refuse it anyway.
        waitForCompletion: true,
      });
      this.registry.addCronJob(`sync:${entry.name}`, job);
      job.start();
      this.logger.log(`connector ${entry.name} scheduled: ${entry.schedule}`);
    }
  }

  private async tick(connector: string): Promise<void> {
    try {
      const result = await this.runSync.execute({ connector, trigger: 'schedule', drain: false });
      for (const run of result.runs) {
        this.logger.log(
          `connector ${connector} run ${run.runId}: ${JSON.stringify(run.counts)}; seconds: ${formatRunTimings(run.timings)}`,
        );
      }
    } catch (error) {
      if (error instanceof CodedError && error.code === SyncErrorCode.AlreadyRunning) {
        this.logger.warn(error.message);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`connector ${connector} run failed: ${message}`);
    }
  }
}
