import { Controller, Get, Inject, Param, UseFilters } from '@nestjs/common';
import { SalesforceExceptionFilter } from '../errors/salesforce-exception.filter';
import { ApiUsageService } from '../gate/api-usage.service';
import { type ResolvedSalesforceOptions } from '../salesforce-sandbox.options';
import { SALESFORCE_OPTIONS } from '../salesforce.tokens';
import { dataPath, OLDEST_API_VERSION, parseApiVersion } from './api-version';

interface VersionEntry {
  label: string;
  url: string;
  version: string;
}

/** Versions, the resources of a version, and the org's limits. */
@Controller('services/data')
@UseFilters(SalesforceExceptionFilter)
export class OrgController {
  constructor(
    @Inject(SALESFORCE_OPTIONS) private readonly options: ResolvedSalesforceOptions,
    private readonly usage: ApiUsageService,
  ) {}

  @Get()
  versions(): VersionEntry[] {
    const newest = Math.floor(Number.parseFloat(this.options.apiVersion));
    const entries: VersionEntry[] = [];
    for (let major = OLDEST_API_VERSION; major <= newest; major++) {
      const version = `${major}.0`;
      entries.push({ label: `Release ${major}`, url: dataPath(version), version });
    }
    return entries;
  }

  @Get(':version')
  resources(@Param('version') segment: string): Record<string, string> {
    const base = dataPath(parseApiVersion(segment, this.options.apiVersion));
    return {
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      limits: `${base}/limits`,
      jobs: `${base}/jobs`,
    };
  }

  @Get(':version/limits')
  limits(@Param('version') segment: string): Record<string, { Max: number; Remaining: number }> {
    parseApiVersion(segment, this.options.apiVersion);
    const { max, used } = this.usage.usage();
    return {
      DailyApiRequests: { Max: max, Remaining: Math.max(0, max - used) },
      DailyBulkV2QueryJobs: { Max: 10_000, Remaining: 10_000 },
      DailyBulkV2QueryFileStorageMB: { Max: 1_048_576, Remaining: 1_048_576 },
    };
  }
}
