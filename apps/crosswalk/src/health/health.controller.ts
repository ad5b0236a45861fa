import { Controller, Get, Inject } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  type HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { OutboxRelay } from '@crosswalk/events';
import { CrosswalkStore } from '@crosswalk/store';

/** `GET /health`: 200 when the store answers and the relay runs cleanly, 503 otherwise. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly store: CrosswalkStore,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.storeHealth(), () => this.relayHealth()]);
  }

  private async storeHealth(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('store');
    try {
      await this.store.ping();
      return indicator.up({ pendingEvents: await this.store.pendingCount() });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  private relayHealth(): HealthIndicatorResult {
    const indicator = this.indicators.check('relay');
    const status = this.relay.status();
    if (!status.running) return indicator.down({ message: 'the relay loop is not running' });
    if (status.lastError) {
      return indicator.down({ message: status.lastError.message, since: status.lastError.at });
    }
    return indicator.up({ relayed: status.relayed });
  }
}
