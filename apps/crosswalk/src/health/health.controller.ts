import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import { OutboxRelay } from '@crosswalk/events';
import { CrosswalkStore } from '@crosswalk/store';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly store: CrosswalkStore,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.storeHealth(), () => this.relayHealth()]);
  }

  private async storeHealth(): Promise<HealthIndicatorResult> {
    await this.store.ping();
    return { store: { status: 'up', pendingEvents: await this.store.pendingCount() } };
  }

  private relayHealth(): HealthIndicatorResult {
    const status = this.relay.status();
    return {
      relay: {
        status: status.running && status.lastError === null ? 'up' : 'down',
        relayed: status.relayed,
        ...(status.lastError ? { lastError: status.lastError.message } : {}),
      },
    };
  }
}
