import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { type StatusReport, StatusUseCase } from '../../status/status.use-case';
import { AdminController } from '../admin-controller.decorator';
import { StatusReportDto } from './status-response.dto';

@AdminController('status', 'status')
export class StatusController {
  constructor(private readonly status: StatusUseCase) {}

  @Get()
  @ApiOperation({ summary: 'customers, connectors, last runs, quarantine and the outbox backlog' })
  @ApiOkResponse({ type: StatusReportDto })
  get(): Promise<StatusReport> {
    return this.status.execute();
  }
}
