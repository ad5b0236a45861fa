import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AdminModule } from './admin/admin.module';
import { type BootOptions } from './boot/boot-options';
import { CrosswalkCoreModule } from './crosswalk-core.module';
import { RelayLoop } from './events/relay-loop.service';
import { HealthController } from './health/health.controller';
import { SyncScheduler } from './scheduler/sync-scheduler.service';

/**
 * The long-running service: scheduled syncs, the relay loop, /health and the admin API
 * under /api.
 */
@Module({})
export class CrosswalkServiceModule {
  static forRoot(boot: BootOptions): DynamicModule {
    return {
      module: CrosswalkServiceModule,
      imports: [
        CrosswalkCoreModule.forRoot(boot),
        ScheduleModule.forRoot(),
        TerminusModule,
        AdminModule,
        // JSON lines for log shippers; health probes are not worth a line each, and a request
        // line must never carry the admin bearer token.
        LoggerModule.forRoot({
          pinoHttp: {
            autoLogging: { ignore: (request) => request.url === '/health' },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
        }),
      ],
      controllers: [HealthController],
      providers: [SyncScheduler, RelayLoop],
    };
  }
}
