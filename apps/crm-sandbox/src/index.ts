export { type CrmSandbox, type CrmSandboxOptions, startCrmSandbox } from './start-crm-sandbox';
export { SandboxClock } from './common/sandbox-clock';
export {
  type SalesforceCredentials,
  SalesforceSandboxControl,
} from './salesforce/control/salesforce-sandbox.control';
export { type ApiUsage } from './salesforce/gate/api-usage.service';
export {
  type FaultKind,
  type FaultRule,
  type FaultRuleInput,
  FAULT_KINDS,
} from './salesforce/gate/fault-injector.service';
export { type SalesforceEndpoint } from './salesforce/gate/salesforce-endpoint';
export {
  type ConnectedAppSpec,
  type CustomFieldSpec,
  type CustomObjectSpec,
  DEFAULT_CONSUMER_KEY,
  DEFAULT_CONSUMER_SECRET,
  DEFAULT_PASSWORD,
  DEFAULT_USERNAME,
  type GeneratedValueKind,
  type SalesforceSandboxOptions,
  type SalesforceSeedRecord,
  type SalesforceUserSpec,
  type SeedFieldValue,
} from './salesforce/salesforce-sandbox.options';
