import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  ConfigBoolean,
  ConfigInt,
  OrReference,
  SecretReference,
} from './config-property.decorators';

export const EVENT_SINKS = ['file', 'kafka'] as const;
export type EventSink = (typeof EVENT_SINKS)[number];

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

@JSONSchema({ additionalProperties: false })
export class KafkaSaslConfigDto {
  @IsIn(SASL_MECHANISMS)
  mechanism!: SaslMechanism;

  @IsString()
  @IsNotEmpty()
  username!: string;

  @SecretReference()
  password!: string;
}

@JSONSchema({ additionalProperties: false })
export class KafkaConfigDto {
  /** Required when `sink` is kafka (KAFKA_BROKERS fills it); the other settings apply then too. */
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  @Matches(/^[^\s:,]+:\d{1,5}$/, { each: true, message: 'each broker must be host:port' })
  @OrReference()
  brokers?: string[];

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  clientId: string = 'crosswalk';

  /** Put before every topic name, e.g. `staging.` */
  @IsOptional()
  @IsString()
  topicPrefix: string = '';

  /** Used when Crosswalk creates its topics. */
  @IsOptional()
  @ConfigInt(1, 10_000)
  partitions: number = 6;

  @IsOptional()
  @ConfigInt(1, 10)
  replicationFactor: number = 1;

  @IsOptional()
  @ConfigBoolean()
  ssl: boolean = false;

  @IsOptional()
  @ValidateNested()
  @Type(() => KafkaSaslConfigDto)
  sasl?: KafkaSaslConfigDto;
}

@JSONSchema({ additionalProperties: false })
export class RelayConfigDto {
  /** Outbox rows read and published per round (1000: see docs/performance.md). */
  @IsOptional()
  @ConfigInt(1, 10_000)
  batchSize: number = 1000;

  /** Pause between rounds when the outbox is empty. */
  @IsOptional()
  @ConfigInt(10, 3_600_000)
  intervalMs: number = 1000;
}

@JSONSchema({ additionalProperties: false })
export class EventsConfigDto {
  /** `file` is the embedded default; KAFKA_BROKERS in the environment switches to kafka. */
  @IsOptional()
  @IsIn(EVENT_SINKS)
  sink: EventSink = 'file';

  /** One NDJSON file per topic; relative to the config file. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  fileSinkDir: string = '../data/events';

  @ValidateIf((events: EventsConfigDto) => events.sink === 'kafka' || events.kafka !== undefined)
  @IsDefined({ message: 'kafka is required when sink is kafka' })
  @ValidateNested()
  @Type(() => KafkaConfigDto)
  kafka?: KafkaConfigDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => RelayConfigDto)
  relay: RelayConfigDto = new RelayConfigDto();
}
