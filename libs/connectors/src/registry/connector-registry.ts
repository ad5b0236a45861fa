import { CodedError } from '@crosswalk/model';
import { type ConnectorFactory } from '../port/connector.port';

export enum ConnectorRegistryErrorCode {
  UnknownType = 'CONNECTOR_TYPE_UNKNOWN',
  DuplicateType = 'CONNECTOR_TYPE_DUPLICATE',
}

export class ConnectorRegistryError extends CodedError<ConnectorRegistryErrorCode> {}

/** Finds a connector factory by its `type`. */
export class ConnectorRegistry {
  private readonly byType = new Map<string, ConnectorFactory>();

  constructor(factories: readonly ConnectorFactory[]) {
    for (const factory of factories) {
      if (this.byType.has(factory.type)) {
        throw new ConnectorRegistryError(
          ConnectorRegistryErrorCode.DuplicateType,
          `two connector factories declare the type "${factory.type}"`,
          { type: factory.type },
        );
      }
      this.byType.set(factory.type, factory);
    }
  }

  /** The known types, sorted. */
  types(): string[] {
    return [...this.byType.keys()].sort();
  }

  find(type: string): ConnectorFactory | undefined {
    return this.byType.get(type);
  }

  /** The factory of `type`; an unknown type is an error that lists the known ones. */
  get(type: string): ConnectorFactory {
    const factory = this.byType.get(type);
    if (factory) return factory;
    const known = this.types();
    throw new ConnectorRegistryError(
      ConnectorRegistryErrorCode.UnknownType,
      `unknown connector type "${type}"; known types: ${known.join(', ')}`,
      { type, knownTypes: known },
    );
  }
}
