import { normaliseCountry } from './country.normaliser';
import { ValidationCode } from './normalise-result';

describe('normaliseCountry', () => {
  it.each([
    ['SE', 'SE'],
    ['se', 'SE'],
    [' swe ', 'SE'],
    ['752', 'SE'],
    ['Sweden', 'SE'],
    ['SWEDEN', 'SE'],
    ['Sverige', 'SE'],
    ['Deutschland', 'DE'],
    ['germany', 'DE'],
    ['UK', 'GB'],
    ['United Kingdom', 'GB'],
    ['England', 'GB'],
    ['USA', 'US'],
    ['United States', 'US'],
    ['Norge', 'NO'],
    ['Danmark', 'DK'],
    ['Suomi', 'FI'],
    ['Österreich', 'AT'],
    ['Osterreich', 'AT'],
    ['Holland', 'NL'],
    ['The  Netherlands', 'NL'],
  ])('%j -> %s', (input, expected) => {
    expect(normaliseCountry(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['Atlantis', ValidationCode.INVALID_COUNTRY],
    ['XX', ValidationCode.INVALID_COUNTRY],
    ['ZZZ', ValidationCode.INVALID_COUNTRY],
    ['  ', ValidationCode.MISSING_REQUIRED],
  ])('refuses %j with %s', (input, code) => {
    expect(normaliseCountry(input)).toMatchObject({ ok: false, code });
  });
});
