import { validate, version } from 'uuid';
import { customerIdFor, splitCustomerId } from './customer-id.generator';

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

describe('splitCustomerId', () => {
  const original = '2b1f0d7e-4c0a-5d43-9a57-6f3e2f1d9c10';
  const a = { connector: 'crm', object: 'customers', externalId: 'a' };
  const b = { connector: 'erp-sql', object: 'customers', externalId: 'b' };

  it('is the same for the same keys in any order, repeats ignored', () => {
    expect(splitCustomerId(original, [b, a, b])).toBe(splitCustomerId(original, [a, b]));
  });

  it('is a UUID v5 like the ids of new customers', () => {
    const id = splitCustomerId(original, [a]);
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(5);
  });

  it('differs by original id, by keys, and from the id a source record gives', () => {
    const ids = [
      splitCustomerId(original, [a]),
      splitCustomerId(original, [b]),
      splitCustomerId(original, [a, b]),
      splitCustomerId('another', [a]),
      customerIdFor(a),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
