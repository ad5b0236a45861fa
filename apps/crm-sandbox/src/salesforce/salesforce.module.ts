import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { type SandboxClock } from '../common/sandbox-clock';
import { OAuthTokenController } from './auth/oauth-token.controller';
import { OAuthTokenService } from './auth/oauth-token.service';
import { SessionRegistry } from './auth/session-registry.service';
import { BulkQueryController } from './bulk/bulk-query.controller';
import { BulkQueryService } from './bulk/bulk-query.service';
import { SalesforceControlController } from './control/salesforce-control.controller';
import { SalesforceSandboxControl } from './control/salesforce-sandbox.control';
import { RecordStore } from './data/record-store.service';
import { ApiUsageService } from './gate/api-usage.service';
import { FaultInjector } from './gate/fault-injector.service';
import { SalesforceGateMiddleware } from './gate/salesforce-gate.middleware';
import { OrgController } from './rest/org.controller';
import { QueryCursorRegistry } from './rest/query-cursor.registry';
import { QueryController } from './rest/query.controller';
import { QueryService } from './rest/query.service';
import { ReplicationService } from './rest/replication.service';
import { SObjectsController } from './rest/sobjects.controller';
import { SObjectsService } from './rest/sobjects.service';
import { type ResolvedSalesforceOptions } from './salesforce-sandbox.options';
import { SALESFORCE_OPTIONS, SANDBOX_CLOCK } from './salesforce.tokens';
import { SchemaRegistry } from './schema/schema-registry.service';
import { QueryExecutor } from './soql/query-executor.service';

/** Salesforce REST and Bulk API 2.0 stand-in, with its control API under /__sandbox/salesforce. */
@Module({})
export class SalesforceSandboxModule implements NestModule {
  static forRoot(options: ResolvedSalesforceOptions, clock: SandboxClock): DynamicModule {
    return {
      module: SalesforceSandboxModule,
      controllers: [
        OAuthTokenController,
        OrgController,
        QueryController,
        SObjectsController,
        BulkQueryController,
        SalesforceControlController,
      ],
      providers: [
        { provide: SALESFORCE_OPTIONS, useValue: options },
        { provide: SANDBOX_CLOCK, useValue: clock },
        SchemaRegistry,
        RecordStore,
        QueryExecutor,
        SessionRegistry,
        OAuthTokenService,
        ApiUsageService,
        FaultInjector,
        QueryCursorRegistry,
        QueryService,
        SObjectsService,
        ReplicationService,
        BulkQueryService,
        SalesforceSandboxControl,
        SalesforceGateMiddleware,
      ],
      exports: [SalesforceSandboxControl],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(SalesforceGateMiddleware)
      .forRoutes(
        OAuthTokenController,
        OrgController,
        QueryController,
        SObjectsController,
        BulkQueryController,
      );
  }
}
