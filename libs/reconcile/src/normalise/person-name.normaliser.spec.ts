import { canonicalGivenName, nameKey, personNameParts } from './person-name.normaliser';

describe('canonicalGivenName', () => {
  it.each([
    ['Bob', 'robert'],
    ['Robert', 'robert'],
    ['Bill', 'william'],
    ['Kalle', 'karl'],
    ['Carl', 'karl'],
    ['Gösta', 'gustav'],
    ['Micke', 'michael'],
    ['Åsa', 'asa'],
    ['Anna Maria', 'anna'],
    ['Ayşe', 'ayse'],
    ['', ''],
  ])('%s -> %s', (name, canonical) => {
    expect(canonicalGivenName(name)).toBe(canonical);
  });
});

describe('nameKey', () => {
  it.each([
    ["O'Brien-Smith", 'obriensmith'],
    ['Öztürk', 'ozturk'],
    ['van der Berg', 'vanderberg'],
  ])('%s -> %s', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });
});

describe('personNameParts', () => {
  it.each([
    [
      { givenName: 'Anna', familyName: 'Berg' },
      { given: 'Anna', family: 'Berg' },
    ],
    [{ familyName: 'Berg' }, { given: '', family: 'Berg' }],
    [{ fullName: 'Anna Maria Berg' }, { given: 'Anna Maria', family: 'Berg' }],
    [{ fullName: 'Madonna' }, { given: '', family: 'Madonna' }],
    [{}, { given: '', family: '' }],
  ])('%j -> %j', (facts, parts) => {
    expect(personNameParts(facts)).toEqual(parts);
  });
});
