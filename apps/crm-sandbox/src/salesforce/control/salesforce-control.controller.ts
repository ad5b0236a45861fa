import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseFilters,
} from '@nestjs/common';
import { SalesforceApiError, SalesforceErrorCode } from '../errors/salesforce-api.error';
import { SalesforceExceptionFilter } from '../errors/salesforce-exception.filter';
import { type ApiUsage } from '../gate/api-usage.service';
import { type FaultRule, type FaultRuleInput } from '../gate/fault-injector.service';
import { type SeedFieldValue } from '../salesforce-sandbox.options';
import { type SalesforceCredentials, SalesforceSandboxControl } from './salesforce-sandbox.control';

/** One entry of a batch update: the record's Id beside the fields to set. */
type RecordUpdate = Record<string, SeedFieldValue> & { Id?: unknown };

interface ClockCommand {
  advanceMs?: number;
  set?: string;
  freeze?: boolean;
}

/** HTTP face of the control API for tests and the demo that run the sandbox in another process. */
@Controller('__sandbox/salesforce')
@UseFilters(SalesforceExceptionFilter)
export class SalesforceControlController {
  constructor(private readonly control: SalesforceSandboxControl) {}

  @Get('credentials')
  credentials(): SalesforceCredentials {
    return this.control.credentials();
  }

  @Post('refresh-tokens')
  refreshToken(@Body() body: { username?: string; consumerKey?: string }): {
    refreshToken: string;
  } {
    return { refreshToken: this.control.issueRefreshToken(body?.username, body?.consumerKey) };
  }

  @Post('tokens/expire')
  @HttpCode(200)
  expireTokens(): { expired: number } {
    return { expired: this.control.expireAccessTokens() };
  }

  @Get('limits')
  limits(): ApiUsage {
    return this.control.apiUsage();
  }

  @Put('limits')
  setLimits(@Body() body: { max?: number; used?: number }): ApiUsage {
    return this.control.setApiUsage(body ?? {});
  }

  @Get('calls')
  calls(): Record<string, number> {
    return this.control.callCounts();
  }

  @Delete('calls')
  @HttpCode(204)
  resetCalls(): void {
    this.control.resetCallCounts();
  }

  @Get('faults')
  faults(): FaultRule[] {
    return this.control.faultRules();
  }

  @Post('faults')
  injectFault(@Body() body: FaultRuleInput): FaultRule {
    return this.control.injectFault(body);
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.control.clearFaults();
  }

  @Delete('faults/:id')
  @HttpCode(204)
  removeFault(@Param('id') id: string): void {
    this.control.removeFault(id);
  }

  @Post('clock')
  @HttpCode(200)
  clock(@Body() body: ClockCommand): { now: string } {
    if (body?.set) this.control.setClock(new Date(body.set));
    if (body?.advanceMs) this.control.advanceClock(body.advanceMs);
    if (body?.freeze === true) this.control.freezeClock();
    if (body?.freeze === false) this.control.resumeClock();
    return { now: this.control.now().toISOString() };
  }

  @Post('schema/:object/fields/:field/rename')
  @HttpCode(204)
  renameField(
    @Param('object') object: string,
    @Param('field') field: string,
    @Body() body: { to: string },
  ): void {
    this.control.renameField(object, field, body.to);
  }

  @Delete('schema/:object/fields/:field')
  @HttpCode(204)
  removeField(@Param('object') object: string, @Param('field') field: string): void {
    this.control.removeField(object, field);
  }

  /** Ids of live records in store order; `?offset=&limit=` take a slice, `?includeDeleted=true` adds deleted ones. */
  @Get('records/:object')
  recordIds(
    @Param('object') object: string,
    @Query('offset') offset?: string,
    @Query('limit') limit?: string,
    @Query('includeDeleted') includeDeleted?: string,
  ): { ids: string[]; total: number } {
    const ids = this.control.recordIds(object, { includeDeleted: includeDeleted === 'true' });
    const from = Math.max(0, Number(offset ?? 0) || 0);
    const to = limit === undefined ? ids.length : from + Math.max(0, Number(limit) || 0);
    return { ids: ids.slice(from, to), total: ids.length };
  }

  @Post('records/:object')
  createRecord(
    @Param('object') object: string,
    @Body() body: Record<string, SeedFieldValue>,
  ): { id: string } {
    return { id: this.control.createRecord(object, body) };
  }

  /**
   * Creates each field map of the array in order, through the same path as a single create;
   * answers the ids in the array's order. Not atomic: a refused record stops the batch and the
   * records before it stay. Declared before `records/:object/:id` so `batch` is no record id.
   */
  @Post('records/:object/batch')
  createRecords(
    @Param('object') object: string,
    @Body() body: Record<string, SeedFieldValue>[],
  ): { ids: string[] } {
    return { ids: batchOf(body).map((fields) => this.control.createRecord(object, fields)) };
  }

  /** Updates each `{ Id, ...fields }` of the array in order, as the single update does; not atomic. */
  @Patch('records/:object/batch')
  updateRecords(
    @Param('object') object: string,
    @Body() body: RecordUpdate[],
  ): { updated: number } {
    const updates = batchOf(body);
    for (const { Id: id, ...fields } of updates) {
      if (typeof id !== 'string' || id === '') {
        throw SalesforceApiError.badRequest(
          SalesforceErrorCode.JsonParserError,
          'Each record of a batch update needs its Id',
        );
      }
      this.control.updateRecord(object, id, fields);
    }
    return { updated: updates.length };
  }

  @Post('records/:object/:id')
  @HttpCode(204)
  updateRecord(
    @Param('object') object: string,
    @Param('id') id: string,
    @Body() body: Record<string, SeedFieldValue>,
  ): void {
    this.control.updateRecord(object, id, body);
  }

  @Delete('records/:object/:id')
  @HttpCode(204)
  deleteRecord(@Param('object') object: string, @Param('id') id: string): void {
    this.control.deleteRecord(object, id);
  }
}

function batchOf<T>(body: T[] | undefined): T[] {
  if (!Array.isArray(body)) {
    throw SalesforceApiError.badRequest(
      SalesforceErrorCode.JsonParserError,
      'The request body must be a JSON array of records',
    );
  }
  return body;
}
