import { ErpFileConnectorFactory } from '../erp-file/erp-file-connector.factory';
import { ErpSqlConnectorFactory } from '../erp-sql/erp-sql-connector.factory';
import { type ConnectorFactory } from '../port/connector.port';
import { SalesforceConnectorFactory } from '../salesforce/salesforce-connector.factory';

/** Every source system Crosswalk can read: a new one adds its folder and one line here. */
export const CONNECTOR_FACTORIES: readonly ConnectorFactory[] = [
  new ErpFileConnectorFactory(),
  new ErpSqlConnectorFactory(),
  new SalesforceConnectorFactory(),
];
