import { type CanonicalField, type SurvivorshipRule } from '@crosswalk/model';
import { type EventSink, type SaslMechanism } from './dto/events-config.dto';

export type { EventSink, SaslMechanism };

/** Where Crosswalk keeps its data. Paths are absolute. */
export type StoreConfig =
  | { readonly database: 'sqlite'; readonly sqlitePath: string }
  | { readonly database: 'postgres'; readonly url: string };

export interface KafkaSaslConfig {
  readonly mechanism: SaslMechanism;
  readonly username: string;
  readonly password: string;
}

export interface KafkaConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly topicPrefix: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly ssl: boolean;
  readonly sasl?: KafkaSaslConfig;
}

export interface RelayConfig {
  readonly batchSize: number;
  readonly intervalMs: number;
}

/** Where the relay publishes. `fileSinkDir` is absolute. */
export type EventsConfig =
  | { readonly sink: 'file'; readonly fileSinkDir: string; readonly relay: RelayConfig }
  | { readonly sink: 'kafka'; readonly kafka: KafkaConfig; readonly relay: RelayConfig };

export interface NormalisationConfig {
  /** ISO 3166-1 alpha-2, upper case. */
  readonly defaultRegion: string;
}

export interface ReconcileConfig {
  /** Connector names, most trusted first. */
  readonly sourcePriority: readonly string[];
  readonly staleAfterDays: number;
  /** Survivorship rule per canonical field, checked to fit it; absent fields keep the default. */
  readonly survivorship: Readonly<Partial<Record<CanonicalField, SurvivorshipRule>>>;
  readonly matching: 'probabilistic' | 'deterministic';
  /** Replace the stored model's thresholds when set. */
  readonly thresholds: Readonly<{ link: number; review: number }> | null;
}

/** A bearer token of the admin API and the name it acts under. */
export interface AdminToken {
  readonly name: string;
  readonly token: string;
}

export interface HttpConfig {
  readonly port: number;
  /** Empty: the admin API refuses every request. */
  readonly adminTokens: readonly AdminToken[];
}

/** Where something was declared, for messages. */
export interface ConfigSourceLocation {
  readonly file: string;
  readonly line: number;
}

export interface ConnectorConfig<M = unknown> {
  readonly name: string;
  readonly type: string;
  /** Cron of incremental syncs; absent: on demand only. */
  readonly schedule?: string;
  readonly pageSize: number;
  readonly enabled: boolean;
  /** An instance of the connector factory's `optionsClass`, validated. */
  readonly options: object;
  /** The compiled mapping. */
  readonly mapping: M;
  /** Absolute path of the mapping file. */
  readonly mappingFile: string;
  /** Folder of the config file that declared the connector (ConnectorContext.baseDir). */
  readonly baseDir: string;
  readonly source: ConfigSourceLocation;
}

/** The validated configuration; built once at boot, never read from the environment again. */
export interface CrosswalkConfig<M = unknown> {
  /** Absolute path of the main config file. */
  readonly file: string;
  readonly store: StoreConfig;
  readonly events: EventsConfig;
  readonly normalisation: NormalisationConfig;
  readonly reconcile: ReconcileConfig;
  readonly http: HttpConfig;
  readonly connectors: readonly ConnectorConfig<M>[];
}
