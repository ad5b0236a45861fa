import { Controller, Get, Headers, Inject, Param, Query, Res, UseFilters } from '@nestjs/common';
import { type Response } from 'express';
import { type Session } from '../auth/session-registry.service';
import { SalesforceApiError, SalesforceErrorCode } from '../errors/salesforce-api.error';
import { SalesforceExceptionFilter } from '../errors/salesforce-exception.filter';
import { SESSION_LOCAL } from '../gate/salesforce-gate.middleware';
import { type ResolvedSalesforceOptions } from '../salesforce-sandbox.options';
import { SALESFORCE_OPTIONS } from '../salesforce.tokens';
import { parseApiVersion } from './api-version';
import { type QueryResultPage, QueryService } from './query.service';

@Controller('services/data/:version')
@UseFilters(SalesforceExceptionFilter)
export class QueryController {
  constructor(
    @Inject(SALESFORCE_OPTIONS) private readonly options: ResolvedSalesforceOptions,
    private readonly queries: QueryService,
  ) {}

  @Get('query')
  query(
    @Param('version') version: string,
    @Query('q') soql: unknown,
    @Headers('sforce-query-options') queryOptions: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): QueryResultPage {
    return this.queries.query(
      owner(response),
      this.version(version),
      requireSoql(soql),
      false,
      queryOptions,
    );
  }

  @Get('queryAll')
  queryAll(
    @Param('version') version: string,
    @Query('q') soql: unknown,
    @Headers('sforce-query-options') queryOptions: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): QueryResultPage {
    return this.queries.query(
      owner(response),
      this.version(version),
      requireSoql(soql),
      true,
      queryOptions,
    );
  }

  @Get(['query/:locator', 'queryAll/:locator'])
  queryMore(@Param('version') version: string, @Param('locator') locator: string): QueryResultPage {
    return this.queries.queryMore(this.version(version), locator);
  }

  private version(segment: string): string {
    return parseApiVersion(segment, this.options.apiVersion);
  }
}

function owner(response: Response): string {
  const session = response.locals[SESSION_LOCAL] as Session | undefined;
  return session?.username ?? '';
}

function requireSoql(soql: unknown): string {
  if (typeof soql !== 'string' || soql.trim() === '') {
    throw SalesforceApiError.badRequest(
      SalesforceErrorCode.MalformedQuery,
      'A query string is required (parameter q)',
    );
  }
  return soql;
}
