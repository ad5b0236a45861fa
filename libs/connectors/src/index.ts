export * from './port/connector.port';
export * from './port/connector-error';
