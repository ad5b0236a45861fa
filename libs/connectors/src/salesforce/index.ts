export * from './salesforce.options';
export * from './salesforce.checkpoint';
export {
  SALESFORCE_CONNECTOR_TYPE,
  DELETED_WINDOW_DAYS,
  SalesforceConnector,
} from './salesforce.connector';
export * from './salesforce-connector.factory';
export { classifySalesforceError } from './salesforce-error.classifier';
export { signJwtAssertion } from './jwt-assertion.signer';
