import customerSchema from './customer.schema.json';

/** JSON Schema (draft 2020-12) of a GoldenRecord; `$defs.CustomerFacts` describes normalised facts. */
export const CUSTOMER_SCHEMA = customerSchema;

export const CUSTOMER_SCHEMA_ID = customerSchema.$id;
