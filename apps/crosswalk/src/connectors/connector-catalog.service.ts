import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConnectorRegistry } from '@crosswalk/connectors';
import { type CompiledMapping } from '@crosswalk/mapping';
import {
  type ConnectorRunTarget,
  type RecordMapper,
  SyncError,
  SyncErrorCode,
} from '@crosswalk/sync';
import { CROSSWALK_CONFIG } from '../boot/boot-options';
import { type AppConfig } from '../boot/config.provider';

type ConnectorEntry = AppConfig['connectors'][number];

/** Turns the validated config of a connector into something sync can run. */
@Injectable()
export class ConnectorCatalog {
  constructor(
    @Inject(CROSSWALK_CONFIG) private readonly config: AppConfig,
    private readonly registry: ConnectorRegistry,
  ) {}

  /** Enabled connectors in config order, or the one named (enabled or not: asked for by name). */
  select(name?: string): ConnectorEntry[] {
    if (name === undefined) return this.config.connectors.filter((entry) => entry.enabled);
    const entry = this.config.connectors.find((candidate) => candidate.name === name);
    if (!entry) {
      const known = this.config.connectors.map((candidate) => candidate.name).join(', ');
      throw new SyncError(
        SyncErrorCode.UnknownConnector,
        `no connector named ${name} in ${this.config.file} (configured: ${known || 'none'})`,
      );
    }
    return [entry];
  }

  /** A fresh connector instance; the caller closes it. */
  async open(entry: ConnectorEntry): Promise<ConnectorRunTarget> {
    const factory = this.registry.get(entry.type);
    const connector = await factory.create({
      name: entry.name,
      options: entry.options,
      baseDir: entry.baseDir,
      logger: new Logger(`connector:${entry.name}`),
    });
    return {
      name: entry.name,
      pageSize: entry.pageSize,
      connector,
      mapper: this.mapperOf(entry.mapping),
    };
  }

  private mapperOf(mapping: CompiledMapping): RecordMapper {
    const defaultRegion = this.config.normalisation.defaultRegion;
    return {
      map: (object, payload) => {
        const result = mapping.apply(object, payload, { defaultRegion });
        if (result.ok) {
          return {
            ok: true,
            facts: result.facts,
            ...(result.modifiedAt === undefined ? {} : { modifiedAt: result.modifiedAt }),
          };
        }
        return {
          ok: false,
          problems: result.issues
            .filter((issue) => issue.severity === 'error')
            .map((issue) => ({
              code: issue.code,
              message: issue.message,
              ...(issue.field === '' ? {} : { field: issue.field }),
              ...(issue.sourceFields.length === 0
                ? {}
                : { sourceField: issue.sourceFields.join(', ') }),
            })),
        };
      },
    };
  }
}
