import {
  base,
  da,
  de,
  en,
  en_GB,
  en_US,
  Faker,
  fi,
  type LocaleDefinition,
  nb_NO,
  sv,
  tr,
} from '@faker-js/faker';
import { type CountryPools } from './country.profiles';
import { type SyntheticCountry } from './synthetic.types';

const LOCALES: Readonly<Record<SyntheticCountry, LocaleDefinition>> = {
  SE: sv,
  NO: nb_NO,
  DK: da,
  FI: fi,
  DE: de,
  TR: tr,
  GB: en_GB,
  US: en_US,
};

/**
 * Name, street and place pools per country from the faker locales, seeded. Drawn once:
 * sampling from pools with the generator's own seeded random is far faster than calling
 * faker for every record, and a million records stay reproducible.
 */
export function fakerPools(
  countries: readonly SyntheticCountry[],
  seed: number,
): ReadonlyMap<SyntheticCountry, CountryPools> {
  return new Map(
    countries.map((country, index) => {
      const faker = new Faker({ locale: [LOCALES[country], en, base] });
      faker.seed(seed * 31 + index);
      return [country, poolsFrom(faker)];
    }),
  );
}

function poolsFrom(faker: Faker): CountryPools {
  const unique = (draw: () => string, size: number): string[] => {
    const values = new Set<string>();
    for (let attempt = 0; attempt < size * 6 && values.size < size; attempt += 1) {
      const value = draw().trim();
      if (/^[\p{L}' -]+$/u.test(value)) values.add(value);
    }
    return [...values];
  };
  return {
    givenNames: unique(() => faker.person.firstName(), 500),
    familyNames: unique(() => faker.person.lastName(), 500),
    streets: unique(() => faker.location.street(), 300),
    places: unique(() => faker.location.city(), 120).map((city) => ({
      city,
      postalCodes: Array.from({ length: 6 }, () => faker.location.zipCode()),
    })),
  };
}
