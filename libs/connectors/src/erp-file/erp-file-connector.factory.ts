import { type ConnectorContext, type ConnectorFactory } from '../port/connector.port';
import { ERP_FILE_CONNECTOR_TYPE, ErpFileConnector } from './erp-file.connector';
import { ErpFileConnectorOptions } from './erp-file.options';

export class ErpFileConnectorFactory implements ConnectorFactory<ErpFileConnectorOptions> {
  readonly type = ERP_FILE_CONNECTOR_TYPE;
  readonly optionsClass = ErpFileConnectorOptions;

  create(context: ConnectorContext<ErpFileConnectorOptions>): ErpFileConnector {
    return new ErpFileConnector(context);
  }
}
