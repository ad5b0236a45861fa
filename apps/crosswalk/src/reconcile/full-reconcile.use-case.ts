import { Inject, Injectable } from '@nestjs/common';
import { OutboxRelay } from '@crosswalk/events';
import {
  type FullReconcileOptions,
  type FullReconcileReport,
  FullReconcileService,
} from '@crosswalk/sync';

export interface FullReconcileCommand extends FullReconcileOptions {
  /** Relay the outbox to the sink afterwards, as `crosswalk sync` does. */
  drain: boolean;
}

export interface FullReconcileResult extends FullReconcileReport {
  relayed: number;
}

/** `crosswalk reconcile --full`: re-cluster everything, then publish what it changed. */
@Injectable()
export class FullReconcileUseCase {
  constructor(
    private readonly reconcile: FullReconcileService,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  async execute(command: FullReconcileCommand): Promise<FullReconcileResult> {
    const report = await this.reconcile.run({ retrain: command.retrain, dryRun: command.dryRun });
    if (!command.drain || report.dryRun) return { ...report, relayed: 0 };
    const before = this.relay.status().relayed;
    await this.relay.drainAll();
    return { ...report, relayed: this.relay.status().relayed - before };
  }
}
