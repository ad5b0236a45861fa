import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { OutboxRelay } from '@crosswalk/events';
import { CROSSWALK_CONFIG } from '../boot/boot-options';
import { type AppConfig } from '../boot/config.provider';

/** The service relays the outbox continuously; the CLI drains it once at the end instead. */
@Injectable()
export class RelayLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(CROSSWALK_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start(this.config.events.relay.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
