export interface SuiteOptions {
  /** Record counts to run; the suite's defaults when absent. */
  sizes?: number[];
}

export interface SuiteResult {
  suite: string;
  runs: Record<string, unknown>[];
  environment?: { cpus: number; loadAverageAtStart: number[]; node: string };
}

export interface BenchSuite {
  run(options: SuiteOptions): Promise<SuiteResult>;
  /** A markdown table of the result. */
  table(result: SuiteResult): string;
}
