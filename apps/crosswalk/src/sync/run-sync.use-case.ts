import { Inject, Injectable } from '@nestjs/common';
import { OutboxRelay } from '@crosswalk/events';
import { ConnectorSyncService, type RunOptions, type RunSummary } from '@crosswalk/sync';
import { ConnectorCatalog } from '../connectors/connector-catalog.service';

export interface RunSyncCommand extends RunOptions {
  /** One connector by name; all enabled connectors when absent. */
  connector?: string;
  /** Relay the outbox to the sink once the runs are done. */
  drain: boolean;
  /** Also diff every id the source holds against the replica and mark the missing deleted. */
  fullDeleteDiff?: boolean;
}

export interface RunSyncResult {
  runs: RunSummary[];
  relayed: number;
  /** Seconds the relay waited on the sink during this command (beside the runs, then after). */
  publishSeconds: number;
}

const RELAY_WHILE_SYNCING_MS = 200;

/** `crosswalk sync`, a scheduled tick, or an API call: run connectors, then relay. */
@Injectable()
export class RunSyncUseCase {
  constructor(
    private readonly catalog: ConnectorCatalog,
    private readonly sync: ConnectorSyncService,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  async execute(command: RunSyncCommand): Promise<RunSyncResult> {
    if (!command.drain) {
      return { runs: await this.runConnectors(command), relayed: 0, publishSeconds: 0 };
    }
    const before = this.relay.status();
    // Relay while the connectors run, so publishing overlaps reading; the rest drains at the
    // end. Where a relay loop already runs (the service), it is left to do that.
    const ownLoop = !this.relay.status().running;
    if (ownLoop) this.relay.start(RELAY_WHILE_SYNCING_MS);
    let runs: RunSummary[];
    try {
      runs = await this.runConnectors(command);
    } finally {
      if (ownLoop) await this.relay.stop();
    }
    await this.relay.drainAll();
    const after = this.relay.status();
    return {
      runs,
      relayed: after.relayed - before.relayed,
      publishSeconds: after.publishSeconds - before.publishSeconds,
    };
  }

  private async runConnectors(command: RunSyncCommand): Promise<RunSummary[]> {
    const runs: RunSummary[] = [];
    for (const entry of this.catalog.select(command.connector)) {
      const target = await this.catalog.open(entry);
      try {
        const run = await this.sync.run(target, command);
        runs.push(run);
        // On demand for every object, or where the source says its delete log falls short.
        const objects = command.fullDeleteDiff ? entry.mapping.objects : run.requiresFullDeleteDiff;
        for (const object of objects) {
          runs.push(await this.sync.reconcileDeletes(target, object, command));
        }
      } finally {
        await target.connector.close();
      }
    }
    return runs;
  }
}
