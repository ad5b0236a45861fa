/** What the HTTP API and the CLI both accept from an operator, checked before a use case runs. */

export { PINNABLE_FIELDS, type PinnableField } from '@crosswalk/sync';

export const DEFAULT_REVIEW_PAGE = 50;
export const MAX_REVIEW_PAGE = 500;
