import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CONNECTOR_FACTORIES, ConnectorRegistry } from '@crosswalk/connectors';
import { type EventSink, OutboxRelay } from '@crosswalk/events';
import { CrosswalkStore } from '@crosswalk/store';
import {
  ConnectorSyncService,
  CustomerCurationService,
  DEFAULT_SYNC_SETTINGS,
  FullReconcileService,
  type SyncSettings,
} from '@crosswalk/sync';
import { BOOT_OPTIONS, type BootOptions, CROSSWALK_CONFIG } from './boot/boot-options';
import { type AppConfig, configProvider } from './boot/config.provider';
import { ConnectorCatalog } from './connectors/connector-catalog.service';
import { EVENT_SINK, eventSinkProvider, outboxRelayProvider } from './events/events.providers';
import { storeProvider } from './store/store.provider';
import { StatusUseCase } from './status/status.use-case';
import { FullReconcileUseCase } from './reconcile/full-reconcile.use-case';
import { RunSyncUseCase } from './sync/run-sync.use-case';

/** The one SyncSettings every sync-library service shares: survivorship and matching from config. */
const SYNC_SETTINGS = Symbol('SYNC_SETTINGS');

function syncSettingsFrom(config: AppConfig): SyncSettings {
  return {
    ...DEFAULT_SYNC_SETTINGS,
    policy: {
      sourcePriority: [...config.reconcile.sourcePriority],
      staleAfterDays: config.reconcile.staleAfterDays,
      fieldRules: { ...config.reconcile.survivorship },
    },
    matching: { mode: config.reconcile.matching, thresholds: config.reconcile.thresholds },
    defaultRegion: config.normalisation.defaultRegion,
  };
}

/** Closes what the core opened, in reverse order of need. */
@Injectable()
class CoreShutdown implements OnApplicationShutdown {
  constructor(
    private readonly store: CrosswalkStore,
    @Inject(EVENT_SINK) private readonly sink: EventSink,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.sink.close();
    await this.store.close();
  }
}

/** Config, store, connectors, sync and the relay: what both the CLI and the service need. */
@Module({})
export class CrosswalkCoreModule {
  static forRoot(boot: BootOptions): DynamicModule {
    return {
      module: CrosswalkCoreModule,
      global: true,
      providers: [
        { provide: BOOT_OPTIONS, useValue: boot },
        {
          provide: ConnectorRegistry,
          useFactory: () => new ConnectorRegistry(CONNECTOR_FACTORIES),
        },
        configProvider,
        storeProvider,
        eventSinkProvider,
        outboxRelayProvider,
        {
          provide: SYNC_SETTINGS,
          inject: [CROSSWALK_CONFIG],
          useFactory: syncSettingsFrom,
        },
        {
          provide: ConnectorSyncService,
          inject: [CrosswalkStore, SYNC_SETTINGS],
          useFactory: (store: CrosswalkStore, settings: SyncSettings) =>
            new ConnectorSyncService(store, settings),
        },
        {
          provide: CustomerCurationService,
          inject: [CrosswalkStore, SYNC_SETTINGS],
          useFactory: (store: CrosswalkStore, settings: SyncSettings) =>
            new CustomerCurationService(store, settings),
        },
        {
          provide: FullReconcileService,
          inject: [CrosswalkStore, SYNC_SETTINGS],
          useFactory: (store: CrosswalkStore, settings: SyncSettings) =>
            new FullReconcileService(store, settings),
        },
        ConnectorCatalog,
        RunSyncUseCase,
        FullReconcileUseCase,
        StatusUseCase,
        CoreShutdown,
      ],
      exports: [
        CROSSWALK_CONFIG,
        CrosswalkStore,
        EVENT_SINK,
        OutboxRelay,
        ConnectorCatalog,
        RunSyncUseCase,
        FullReconcileUseCase,
        StatusUseCase,
        CustomerCurationService,
        FullReconcileService,
      ],
    };
  }
}
