import { Inject, Injectable } from '@nestjs/common';
import { CrosswalkStore, type SyncRun } from '@crosswalk/store';
import { CROSSWALK_CONFIG } from '../boot/boot-options';
import { type AppConfig } from '../boot/config.provider';

export interface ConnectorStatus {
  name: string;
  type: string;
  enabled: boolean;
  schedule: string | null;
  records: number;
  deletedRecords: number;
  quarantined: number;
  lastRun: SyncRun | null;
}

export interface MatchingStatus {
  mode: 'probabilistic' | 'deterministic';
  /** The stored model in use; null until `crosswalk reconcile --full` trains one. */
  modelVersion: number | null;
  modelTrainedAt: string | null;
  reviewsPending: number;
}

export interface StatusReport {
  store: string;
  customers: { live: number; deleted: number; merged: number };
  matching: MatchingStatus;
  outboxPending: number;
  connectors: ConnectorStatus[];
}

@Injectable()
export class StatusUseCase {
  constructor(
    private readonly store: CrosswalkStore,
    @Inject(CROSSWALK_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(): Promise<StatusReport> {
    const read = this.store.read;
    const [customers, outboxPending, replica, quarantine, model, reviews] = await Promise.all([
      read.customers.countByState(),
      read.outbox.countPending(),
      read.sourceRecords.countByConnector(),
      read.quarantine.countByConnector(),
      read.models.findActive(),
      read.reviews.countByStatus(),
    ]);
    const connectors: ConnectorStatus[] = [];
    for (const entry of this.config.connectors) {
      const counts = replica.find((row) => row.connector === entry.name);
      const [lastRun] = await read.runs.findLatest(entry.name, 1);
      connectors.push({
        name: entry.name,
        type: entry.type,
        enabled: entry.enabled,
        schedule: entry.schedule ?? null,
        records: counts?.records ?? 0,
        deletedRecords: counts?.deleted ?? 0,
        quarantined: quarantine.get(entry.name) ?? 0,
        lastRun: lastRun ?? null,
      });
    }
    return {
      store:
        this.config.store.database === 'sqlite'
          ? `sqlite ${this.config.store.sqlitePath}`
          : 'postgres',
      customers,
      matching: {
        mode: this.config.reconcile.matching,
        modelVersion: model?.version ?? null,
        modelTrainedAt: model?.trainedAt ?? null,
        reviewsPending: reviews.pending,
      },
      outboxPending,
      connectors,
    };
  }
}
