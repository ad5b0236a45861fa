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
  UseFilters,
} from '@nestjs/common';
import { SalesforceExceptionFilter } from '../errors/salesforce-exception.filter';
import { type ResolvedSalesforceOptions } from '../salesforce-sandbox.options';
import { SALESFORCE_OPTIONS } from '../salesforce.tokens';
import { parseApiVersion } from './api-version';
import { type DeletedResult, ReplicationService, type UpdatedResult } from './replication.service';
import { type RestRecord } from './sobject-record.mapper';
import { type SaveResult, SObjectsService } from './sobjects.service';

@Controller('services/data/:version/sobjects')
@UseFilters(SalesforceExceptionFilter)
export class SObjectsController {
  constructor(
    @Inject(SALESFORCE_OPTIONS) private readonly options: ResolvedSalesforceOptions,
    private readonly sobjects: SObjectsService,
    private readonly replication: ReplicationService,
  ) {}

  @Get()
  list(@Param('version') version: string): Record<string, unknown> {
    return this.sobjects.list(this.version(version));
  }

  @Get(':object/describe')
  describe(
    @Param('version') version: string,
    @Param('object') object: string,
  ): Record<string, unknown> {
    return this.sobjects.describe(object, this.version(version));
  }

  @Get(':object/updated')
  updated(
    @Param('version') version: string,
    @Param('object') object: string,
    @Query('start') start: unknown,
    @Query('end') end: unknown,
  ): UpdatedResult {
    this.version(version);
    return this.replication.updated(object, start, end);
  }

  @Get(':object/deleted')
  deleted(
    @Param('version') version: string,
    @Param('object') object: string,
    @Query('start') start: unknown,
    @Query('end') end: unknown,
  ): DeletedResult {
    this.version(version);
    return this.replication.deleted(object, start, end);
  }

  @Get(':object')
  info(
    @Param('version') version: string,
    @Param('object') object: string,
  ): Record<string, unknown> {
    return this.sobjects.info(object, this.version(version));
  }

  @Post(':object')
  @HttpCode(201)
  create(
    @Param('version') version: string,
    @Param('object') object: string,
    @Body() body: unknown,
  ): SaveResult {
    this.version(version);
    return this.sobjects.create(object, body);
  }

  @Get(':object/:id')
  read(
    @Param('version') version: string,
    @Param('object') object: string,
    @Param('id') id: string,
    @Query('fields') fields: string | undefined,
  ): RestRecord {
    return this.sobjects.read(object, id, this.version(version), fields);
  }

  @Patch(':object/:id')
  @HttpCode(204)
  update(
    @Param('version') version: string,
    @Param('object') object: string,
    @Param('id') id: string,
    @Body() body: unknown,
  ): void {
    this.version(version);
    this.sobjects.update(object, id, body);
  }

  @Delete(':object/:id')
  @HttpCode(204)
  remove(
    @Param('version') version: string,
    @Param('object') object: string,
    @Param('id') id: string,
  ): void {
    this.version(version);
    this.sobjects.delete(object, id);
  }

  private version(segment: string): string {
    return parseApiVersion(segment, this.options.apiVersion);
  }
}
