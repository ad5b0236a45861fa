export * from './erp-file.options';
export * from './erp-file.checkpoint';
export { ERP_FILE_CONNECTOR_TYPE, ErpFileConnector, ErpFileRejectCode } from './erp-file.connector';
export * from './erp-file-connector.factory';
