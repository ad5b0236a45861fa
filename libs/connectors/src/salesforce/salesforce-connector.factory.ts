import { type ConnectorContext, type ConnectorFactory } from '../port/connector.port';
import { SALESFORCE_CONNECTOR_TYPE, SalesforceConnector } from './salesforce.connector';
import { SalesforceConnectorOptions } from './salesforce.options';

export class SalesforceConnectorFactory implements ConnectorFactory<SalesforceConnectorOptions> {
  readonly type = SALESFORCE_CONNECTOR_TYPE;
  readonly optionsClass = SalesforceConnectorOptions;

  create(context: ConnectorContext<SalesforceConnectorOptions>): SalesforceConnector {
    return new SalesforceConnector(context);
  }
}
