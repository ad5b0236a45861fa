import { foldForMatching, foldToWords } from './text-fold.normaliser';

describe('foldForMatching', () => {
  it.each([
    ['Åsa Öberg', 'asa oberg'],
    ['Sørensen Ærø', 'sorensen aero'],
    ['Müller  Straße', 'muller strasse'],
    ['ŞEKER Ağaoğlu', 'seker agaoglu'],
    ['Çelik', 'celik'],
    ['İSTANBUL', 'istanbul'],
    ['Işık', 'isik'],
    ['ILGAZ', 'ilgaz'],
    ['  José\tGarcía ', 'jose garcia'],
    ['Łódź', 'lodz'],
  ])('%s -> %s', (input, expected) => {
    expect(foldForMatching(input)).toBe(expected);
  });
});

describe('foldToWords', () => {
  it.each([
    ["O'Brien-Smith", 'o brien smith'],
    ['A.Ş.', 'a s'],
    ['  ', ''],
  ])('%s -> %s', (input, expected) => {
    expect(foldToWords(input)).toBe(expected);
  });
});
