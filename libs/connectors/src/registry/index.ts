export * from './connector-registry';
export * from './connector-factories';
