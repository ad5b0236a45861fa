export * from './erp-sql.options';
export * from './erp-sql.checkpoint';
export { ERP_SQL_CONNECTOR_TYPE, ErpSqlConnector, openSqlSession } from './erp-sql.connector';
export * from './erp-sql-connector.factory';
export { classifySqlError } from './sql-error.classifier';
export type { SqlSession, SqlResult, SqlValue } from './sql.session';
