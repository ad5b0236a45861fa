import { ApiProperty } from '@nestjs/swagger';
import { type ConnectorStatus, type StatusReport } from '../../status/status.use-case';

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
    description: 'id, status, trigger, counts, error, startedAt, finishedAt of the last run',
  })
  lastRun!: ConnectorStatus['lastRun'];
}

export class StatusReportDto implements StatusReport {
  @ApiProperty({ example: 'postgres' })
  store!: string;

  @ApiProperty({ type: CustomerCountsDto })
  customers!: CustomerCountsDto;

  @ApiProperty({ description: 'events waiting for the relay' })
  outboxPending!: number;

  @ApiProperty({ type: [ConnectorStatusDto] })
  connectors!: ConnectorStatusDto[];
}
