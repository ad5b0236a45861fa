/** Which database holds the store: the embedded SQLite file, or a shared PostgreSQL. */
export type StoreOptions =
  { type: 'sqlite'; path: string } | { type: 'postgres'; url: string; poolSize?: number };
