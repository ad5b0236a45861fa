import {
  type ConnectorContext,
  type ConnectorFactory,
  type SourceConnector,
} from '../port/connector.port';
import { SALESFORCE_CONNECTOR_TYPE } from './salesforce.constants';
import { SalesforceConnectorOptions } from './salesforce.options';

export class SalesforceConnectorFactory implements ConnectorFactory<SalesforceConnectorOptions> {
  readonly type = SALESFORCE_CONNECTOR_TYPE;
  readonly optionsClass = SalesforceConnectorOptions;

  /** jsforce is loaded with the first Salesforce connector, not with every CLI command. */
  async create(context: ConnectorContext<SalesforceConnectorOptions>): Promise<SourceConnector> {
    const { SalesforceConnector } = await import('./salesforce.connector');
    return new SalesforceConnector(context);
  }
}
