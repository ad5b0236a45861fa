/** Injection tokens of the Salesforce sandbox module. */
export const SALESFORCE_OPTIONS = Symbol('SALESFORCE_OPTIONS');
export const SANDBOX_CLOCK = Symbol('SANDBOX_CLOCK');
