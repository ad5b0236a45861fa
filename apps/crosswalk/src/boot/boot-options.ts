/** What the entry point knows before config is loaded: where it is and the environment. */
export interface BootOptions {
  configDir: string;
  env: Readonly<Record<string, string | undefined>>;
}

export const BOOT_OPTIONS = Symbol('BOOT_OPTIONS');
export const CROSSWALK_CONFIG = Symbol('CROSSWALK_CONFIG');
