import { type Provider } from '@nestjs/common';
import { type CrosswalkConfig, loadConfig } from '@crosswalk/config';
import { ConnectorRegistry } from '@crosswalk/connectors';
import { type CompiledMapping, compileMapping } from '@crosswalk/mapping';
import { BOOT_OPTIONS, type BootOptions, CROSSWALK_CONFIG } from './boot-options';

export type AppConfig = CrosswalkConfig<CompiledMapping>;

/** Loads and validates config/*.yaml once; a bad config stops start-up here. */
export function loadAppConfig(boot: BootOptions, registry: ConnectorRegistry): Promise<AppConfig> {
  return loadConfig({
    configDir: boot.configDir,
    env: boot.env,
    connectorFactory: (type) => registry.find(type),
    connectorTypes: registry.types(),
    compileMapping,
  });
}

export const configProvider: Provider = {
  provide: CROSSWALK_CONFIG,
  inject: [BOOT_OPTIONS, ConnectorRegistry],
  useFactory: loadAppConfig,
};
