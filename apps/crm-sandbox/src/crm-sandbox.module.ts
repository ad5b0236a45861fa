import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { type SandboxClock } from './common/sandbox-clock';
import { UnmatchedRouteFilter } from './common/unmatched-route.filter';
import { type ResolvedSalesforceOptions } from './salesforce/salesforce-sandbox.options';
import { SalesforceSandboxModule } from './salesforce/salesforce.module';

/** One module per vendor; HubSpot and Dynamics 365 join here as their own modules. */
@Module({})
export class CrmSandboxModule {
  static forRoot(settings: {
    clock: SandboxClock;
    salesforce: ResolvedSalesforceOptions;
  }): DynamicModule {
    return {
      module: CrmSandboxModule,
      imports: [SalesforceSandboxModule.forRoot(settings.salesforce, settings.clock)],
      providers: [{ provide: APP_FILTER, useClass: UnmatchedRouteFilter }],
    };
  }
}
