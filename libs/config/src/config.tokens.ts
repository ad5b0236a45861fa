/** Nest injection token of the loaded CrosswalkConfig. */
export const CROSSWALK_CONFIG = Symbol('CROSSWALK_CONFIG');
