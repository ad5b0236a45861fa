export const SALESFORCE_CONNECTOR_TYPE = 'salesforce';

/** How far back the getDeleted resource reaches. */
export const DELETED_WINDOW_DAYS = 15;
