import { CONNECTOR_FACTORIES } from './connector-factories';
import {
  ConnectorRegistry,
  ConnectorRegistryError,
  ConnectorRegistryErrorCode,
} from './connector-registry';

describe('ConnectorRegistry', () => {
  const registry = new ConnectorRegistry(CONNECTOR_FACTORIES);

  it.each(['erp-file', 'erp-sql', 'salesforce'])('finds the %s factory', (type) => {
    expect(registry.get(type).type).toBe(type);
    expect(registry.find(type)?.type).toBe(type);
  });

  it('refuses an unknown type with a coded error that lists the known types', () => {
    expect(registry.find('sap-rfc')).toBeUndefined();
    let error: unknown;
    try {
      registry.get('sap-rfc');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorRegistryError);
    expect(error).toMatchObject({
      code: ConnectorRegistryErrorCode.UnknownType,
      message: 'unknown connector type "sap-rfc"; known types: erp-file, erp-sql, salesforce',
      details: { type: 'sap-rfc', knownTypes: ['erp-file', 'erp-sql', 'salesforce'] },
    });
  });

  it('refuses two factories of the same type', () => {
    const [first] = CONNECTOR_FACTORIES;
    if (!first) throw new Error('no factory');
    expect(() => new ConnectorRegistry([first, first])).toThrow('two connector factories');
  });
});
