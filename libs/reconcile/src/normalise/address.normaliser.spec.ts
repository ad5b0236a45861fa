import { postalCodeKey, streetKey } from './address.normaliser';

describe('streetKey', () => {
  it.each([
    ['Storgatan 5', 'Storg. 5'],
    ['Ringvägen 12B', 'Ringv. 12B'],
    ['12 Main Street', '12 Main St.'],
    ['Hauptstraße 7', 'Hauptstr. 7'],
    ['Fredrikgata 50', 'Fredrikg. 50'],
    ['Kongevej 95', 'Kongev. 95'],
    ['Marttitie 42', 'Marttit. 42'],
    ['Atatürk Caddesi No: 32', 'Ataturk Cad. 32'],
    ['Gül Sokak 4', 'Gul Sk. 4'],
  ])('%s and %s have the same key', (a, b) => {
    expect(streetKey(a)).toBe(streetKey(b));
  });

  it.each([
    ['Storgatan 5', 'storg 5'],
    ['5th Avenue', '5th ave'],
    ['Gate 4', 'gate 4'],
  ])('%s -> %s', (line, key) => {
    expect(streetKey(line)).toBe(key);
  });

  it('keeps different streets apart', () => {
    expect(streetKey('Storgatan 5')).not.toBe(streetKey('Storgatan 7'));
  });
});

describe('postalCodeKey', () => {
  it.each([
    ['114 55', '11455'],
    ['sw1a 1aa', 'SW1A1AA'],
    ['80645', '80645'],
    ['1234-567', '1234567'],
  ])('%s -> %s', (code, key) => {
    expect(postalCodeKey(code)).toBe(key);
  });
});
