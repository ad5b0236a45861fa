import { type Provider } from '@nestjs/common';
import { CrosswalkStore, type StoreOptions } from '@crosswalk/store';
import { CROSSWALK_CONFIG } from '../boot/boot-options';
import { type AppConfig } from '../boot/config.provider';

export function storeOptionsOf(config: AppConfig): StoreOptions {
  return config.store.database === 'sqlite'
    ? { type: 'sqlite', path: config.store.sqlitePath }
    : { type: 'postgres', url: config.store.url };
}

export const storeProvider: Provider = {
  provide: CrosswalkStore,
  inject: [CROSSWALK_CONFIG],
  useFactory: (config: AppConfig) => CrosswalkStore.open(storeOptionsOf(config)),
};
