/**
 * One source system of the e2e benchmark. Each source owns its share of the generated
 * customers, sets itself up (files, a table, a sandbox), changes a fraction of its records
 * for the incremental run, and declares the connector entry the config gets. A source joins
 * the run by being added to the list in e2e.bench.ts.
 */
export interface BenchSource {
  /** Connector name in the config. */
  readonly name: string;
  /** Connector type in the registry. */
  readonly type: string;
  /** The mapping YAML of the connector. */
  readonly mappingYaml: string;
  /** Records per page the connector reads. */
  readonly pageSize: number;
  /** Writes its records (indexes into the shared customer pool, see customer-pool.ts). */
  prepare(workspace: BenchWorkspaceView): Promise<void>;
  /** The `options:` block of the connector (YAML lines, not indented). */
  options(workspace: BenchWorkspaceView): string[];
  /** Environment variables the connector's secret references read. */
  env(): Record<string, string>;
  /** Changes `fraction` of its records at the source; resolves to how many it changed. */
  change(workspace: BenchWorkspaceView, fraction: number, round: number): Promise<number>;
  /** Frees what `prepare` made. */
  cleanup(): Promise<void>;
}

/** What a source may know of the workspace it runs in. */
export interface BenchWorkspaceView {
  /** The folder holding config/, drop/ and data/. */
  dir: string;
  /** The folder files are dropped into (one subfolder per file source). */
  dropFolder: string;
}

/** How the shared pool of customers is split among the sources. */
export interface SourceShare {
  /** Pool indexes this source holds, 1-based, in order. */
  indexes: readonly number[];
}
