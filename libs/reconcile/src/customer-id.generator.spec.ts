import { validate, version } from 'uuid';
import { customerIdFor } from './customer-id.generator';

describe('customerIdFor', () => {
  const key = { connector: 'erp-sql', object: 'customers', externalId: '42' };

  it('is a UUID v5, the same for the same source key', () => {
    const id = customerIdFor(key);
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(5);
    expect(customerIdFor({ ...key })).toBe(id);
  });

  it.each([
    [{ ...key, externalId: '43' }],
    [{ ...key, object: 'accounts' }],
    [{ ...key, connector: 'erp-file' }],
    // Same characters, split differently: must not collide.
    [{ connector: 'erp-sql', object: 'customers/42', externalId: '' }],
  ])('differs for another source key %#', (other) => {
    expect(customerIdFor(other)).not.toBe(customerIdFor(key));
  });
});
