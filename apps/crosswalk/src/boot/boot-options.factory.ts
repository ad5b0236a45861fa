import { resolve } from 'node:path';
import { type BootOptions } from './boot-options';

export const DEFAULT_CONFIG_DIR = 'config';

/** The entry points' one look at the environment; everything else reads the validated config. */
export function bootOptionsFrom(env: NodeJS.ProcessEnv, configDirFlag?: string): BootOptions {
  return {
    configDir: resolve(configDirFlag ?? env['CROSSWALK_CONFIG_DIR'] ?? DEFAULT_CONFIG_DIR),
    env: { ...env },
  };
}
