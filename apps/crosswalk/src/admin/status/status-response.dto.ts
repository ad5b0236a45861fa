import { ApiProperty } from '@nestjs/swagger';
import {
  type ConnectorStatus,
  type MatchingStatus,
  type StatusReport,
} from '../../status/status.use-case';

export class CustomerCountsDto {
  @ApiProperty()
  live!: number;

  @ApiProperty()
  deleted!: number;

  @ApiProperty({ description: 'absorbed by a merge' })
  merged!: number;
}

export class ConnectorStatusDto implements Omit<ConnectorStatus, 'lastRun'> {
  @ApiProperty()
  name!: string;

  @ApiProperty()
  type!: string;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: String, nullable: true })
  schedule!: string | null;

  @ApiProperty()
  records!: number;

  @ApiProperty()
  deletedRecords!: number;

  @ApiProperty()
  quarantined!: number;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description:
      'id, status, trigger, counts, timings (seconds per stage: read, prepare, reconcile, store, idle; null before it finishes), error, startedAt, finishedAt of the last run',
  })
  lastRun!: ConnectorStatus['lastRun'];
}

export class MatchingStatusDto implements MatchingStatus {
  @ApiProperty({ enum: ['probabilistic', 'deterministic'] })
  mode!: 'probabilistic' | 'deterministic';

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'stored match model in use; null until `crosswalk reconcile --full` trains one',
  })
  modelVersion!: number | null;

  @ApiProperty({ type: String, nullable: true })
  modelTrainedAt!: string | null;

  @ApiProperty({ description: 'uncertain matches waiting for a decision' })
  reviewsPending!: number;
}

export class StatusReportDto implements StatusReport {
  @ApiProperty({ example: 'postgres' })
  store!: string;

  @ApiProperty({ type: CustomerCountsDto })
  customers!: CustomerCountsDto;

  @ApiProperty({ type: MatchingStatusDto })
  matching!: MatchingStatusDto;

  @ApiProperty({ description: 'events waiting for the relay' })
  outboxPending!: number;

  @ApiProperty({ type: [ConnectorStatusDto] })
  connectors!: ConnectorStatusDto[];
}
