export * from './salesforce.options';
export * from './salesforce.checkpoint';
export * from './salesforce.constants';
export * from './salesforce-connector.factory';
export { classifySalesforceError } from './salesforce-error.classifier';
export { signJwtAssertion } from './jwt-assertion.signer';
