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
    // Plain ASCII takes a shorter path to the same result.
    [' ANNA \t Berg\n', 'anna berg'],
    ["O'Brien-Smith & Co.", "o'brien-smith & co."],
    ['Anna\u000bBerg', 'anna berg'],
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
