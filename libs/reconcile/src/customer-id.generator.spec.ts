import { v5 as uuidv5, validate, version } from 'uuid';
import { CUSTOMER_ID_NAMESPACE, customerIdFor, splitCustomerId } from './customer-id.generator';

describe('customerIdFor', () => {
  const key = { connector: 'erp-sql', object: 'customers', externalId: '42' };

  it('is a UUID v5, the same for the same source key', () => {
    const id = customerIdFor(key);
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(5);
    expect(customerIdFor({ ...key })).toBe(id);
  });

  it('keeps the ids already issued, whatever characters the key holds', () => {
    // Changing how the name becomes bytes must not re-key a single stored customer.
    expect(customerIdFor(key)).toBe('51008ef6-c36e-53c4-a369-4f8063003d37');
    expect(customerIdFor({ ...key, externalId: 'Müller-ÆØÅ-東京-😀' })).toBe(
      'e76d45f4-3ead-5158-8af8-32328662ca31',
    );
    expect(customerIdFor({ ...key, externalId: 'lone \ud800 surrogate' })).toBe(
      uuidv5(
        JSON.stringify([key.connector, key.object, 'lone \ud800 surrogate']),
        CUSTOMER_ID_NAMESPACE,
      ),
    );
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

  it('keeps the ids already issued', () => {
    expect(splitCustomerId(original, [a])).toBe('72678424-24fd-50e2-baf4-b35bc40c3dca');
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
