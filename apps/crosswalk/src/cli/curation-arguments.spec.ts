import { InvalidArgumentError } from 'commander';
import {
  operatorOf,
  parseField,
  parseGroup,
  parseLimit,
  parsePinValue,
} from './curation-arguments';

describe('curation command arguments', () => {
  it.each([
    ['1', 1],
    ['50', 50],
    ['500', 500],
  ])('limit %s -> %d', (text, limit) => expect(parseLimit(text)).toBe(limit));

  it.each(['0', '501', '-1', '1.5', 'ten', ''])('refuses limit %p', (text) => {
    expect(() => parseLimit(text)).toThrow(InvalidArgumentError);
  });

  it('takes pinnable canonical fields only', () => {
    expect(parseField('phones')).toBe('phones');
    expect(() => parseField('shoeSize')).toThrow(
      /not a field that can be pinned; one of fullName, /,
    );
    expect(() => parseField('kind')).toThrow(InvalidArgumentError);
  });

  it.each([
    ['+46 8 123 45 67', '+46 8 123 45 67'],
    ['["a@b.se","c@d.se"]', ['a@b.se', 'c@d.se']],
    ['{"lines":["Storgatan 1"],"country":"SE"}', { lines: ['Storgatan 1'], country: 'SE' }],
    ['"quoted"', 'quoted'],
    ['42', 42],
    ['Acme AB', 'Acme AB'],
  ])('pin value %p', (text, value) => expect(parsePinValue(text)).toEqual(value));

  it('reads groups of source keys, one per --group', () => {
    const groups = parseGroup('erp/customer/C1, crm/Contact/003x', parseGroup('erp/customer/a/b'));
    expect(groups).toEqual([
      [{ connector: 'erp', object: 'customer', externalId: 'a/b' }],
      [
        { connector: 'erp', object: 'customer', externalId: 'C1' },
        { connector: 'crm', object: 'Contact', externalId: '003x' },
      ],
    ]);
  });

  it.each(['erp/customer', 'erp', '/customer/C1', 'erp//C1', 'erp/customer/', 'erp/customer/C1,'])(
    'refuses group %p',
    (text) => expect(() => parseGroup(text)).toThrow(/is not connector\/object\/externalId/),
  );

  it.each([
    [{ USER: 'anna', LOGNAME: 'x' }, 'anna'],
    [{ LOGNAME: 'bo' }, 'bo'],
    [{ USER: '' }, 'cli'],
    [{}, 'cli'],
  ])('operator from %p', (env, name) => {
    expect(operatorOf({ configDir: '/c', env })).toBe(name);
  });
});
