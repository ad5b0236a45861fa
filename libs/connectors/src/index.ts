export * from './port/connector.port';
export * from './port/connector-error';
export * from './registry';
export * from './erp-file';
export * from './erp-sql';
export * from './salesforce';
