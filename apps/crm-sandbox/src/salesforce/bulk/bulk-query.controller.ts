import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UseFilters,
} from '@nestjs/common';
import { type Response } from 'express';
import { type Session } from '../auth/session-registry.service';
import { RecordStore } from '../data/record-store.service';
import { SalesforceExceptionFilter } from '../errors/salesforce-exception.filter';
import { SESSION_LOCAL } from '../gate/salesforce-gate.middleware';
import { parseApiVersion } from '../rest/api-version';
import { userIdAt } from '../auth/org-identity';
import { type ResolvedSalesforceOptions } from '../salesforce-sandbox.options';
import { SALESFORCE_OPTIONS } from '../salesforce.tokens';
import { type BulkQueryJobInfo } from './bulk-query-job';
import { BulkQueryService } from './bulk-query.service';
import { writeCsvPage } from './csv-page.writer';

@Controller('services/data/:version/jobs/query')
@UseFilters(SalesforceExceptionFilter)
export class BulkQueryController {
  constructor(
    @Inject(SALESFORCE_OPTIONS) private readonly options: ResolvedSalesforceOptions,
    private readonly jobs: BulkQueryService,
    private readonly store: RecordStore,
  ) {}

  @Post()
  @HttpCode(200)
  create(
    @Param('version') version: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): BulkQueryJobInfo {
    return this.jobs.create(this.version(version), body, this.userId(response));
  }

  @Get()
  list(@Param('version') version: string): ReturnType<BulkQueryService['list']> {
    this.version(version);
    return this.jobs.list();
  }

  @Get(':id')
  status(@Param('version') version: string, @Param('id') id: string): BulkQueryJobInfo {
    this.version(version);
    return this.jobs.status(id);
  }

  @Patch(':id')
  abort(
    @Param('version') version: string,
    @Param('id') id: string,
    @Body() body: unknown,
  ): BulkQueryJobInfo {
    this.version(version);
    return this.jobs.abort(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('version') version: string, @Param('id') id: string): void {
    this.version(version);
    this.jobs.delete(id);
  }

  @Get(':id/results')
  async results(
    @Param('version') version: string,
    @Param('id') id: string,
    @Query('locator') locator: unknown,
    @Query('maxRecords') maxRecords: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const page = this.jobs.resultPage(id, this.version(version), locator, maxRecords);
    const { schema, fields } = page.job.query;
    response.status(200);
    response.setHeader('Content-Type', 'text/csv; charset=UTF-8');
    response.setHeader('Sforce-Locator', page.nextLocator);
    response.setHeader('Sforce-NumberOfRecords', String(page.indexes.length));
    await writeCsvPage(response, {
      fields: fields ?? [],
      indexes: page.indexes,
      read: (index) => ({
        values: this.store.values(schema, index),
        id: this.store.idAt(schema, index),
      }),
    });
    response.end();
  }

  private version(segment: string): string {
    return parseApiVersion(segment, this.options.apiVersion);
  }

  private userId(response: Response): string {
    const session = response.locals[SESSION_LOCAL] as Session | undefined;
    const position = this.options.users.findIndex((user) => user.username === session?.username);
    return userIdAt(Math.max(0, position));
  }
}
