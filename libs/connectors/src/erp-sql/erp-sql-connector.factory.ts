import { type ConnectorContext, type ConnectorFactory } from '../port/connector.port';
import { ERP_SQL_CONNECTOR_TYPE, ErpSqlConnector } from './erp-sql.connector';
import { ErpSqlConnectorOptions } from './erp-sql.options';

export class ErpSqlConnectorFactory implements ConnectorFactory<ErpSqlConnectorOptions> {
  readonly type = ERP_SQL_CONNECTOR_TYPE;
  readonly optionsClass = ErpSqlConnectorOptions;

  create(context: ConnectorContext<ErpSqlConnectorOptions>): ErpSqlConnector {
    return new ErpSqlConnector(context);
  }
}
