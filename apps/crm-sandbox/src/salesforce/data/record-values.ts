/** A stored field value. Datetimes are epoch milliseconds, dates `YYYY-MM-DD` strings. */
export type FieldValue = string | number | boolean | null;

/** One record's values keyed by field storage key. */
export type RecordValues = Record<string, FieldValue>;

export interface RecordTimestamps {
  readonly createdDate: number;
  readonly lastModifiedDate: number;
  readonly systemModstamp: number;
}
