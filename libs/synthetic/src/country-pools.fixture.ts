import { type CountryPools } from './country.profiles';
import { type SyntheticCountry } from './synthetic.types';

/**
 * Small hand-written pools for specs. The faker pools cannot be loaded by the unit test
 * runner (faker ships ES modules only); the benchmark uses them.
 */
const NORDIC: CountryPools = {
  givenNames: [
    'Anna',
    'Karl',
    'Robert',
    'Åsa',
    'Jörg',
    'Ayşe',
    'Mikael',
    'Ingrid',
    'Lars',
    'Sofia',
  ],
  familyNames: ['Öberg', 'Sørensen', 'Şahin', 'Müller', 'Smith', 'Virtanen', 'Andersson', 'Berg'],
  streets: ['Storgatan', 'Ringvägen', 'Hauptstraße', 'Main Street', 'Atatürk Caddesi', 'Kongevej'],
  places: [
    { city: 'Stockholm', postalCodes: ['114 55', '118 20'] },
    { city: 'Göteborg', postalCodes: ['411 01'] },
    { city: 'İstanbul', postalCodes: ['34000'] },
  ],
};

export function fixturePools(
  countries: readonly SyntheticCountry[] = ['SE', 'NO', 'DK', 'FI', 'DE', 'TR', 'GB', 'US'],
): ReadonlyMap<SyntheticCountry, CountryPools> {
  return new Map(countries.map((country) => [country, NORDIC]));
}
