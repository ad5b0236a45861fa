import countries from 'i18n-iso-countries';
import da from 'i18n-iso-countries/langs/da.json';
import de from 'i18n-iso-countries/langs/de.json';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import fi from 'i18n-iso-countries/langs/fi.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import it from 'i18n-iso-countries/langs/it.json';
import nb from 'i18n-iso-countries/langs/nb.json';
import nl from 'i18n-iso-countries/langs/nl.json';
import pl from 'i18n-iso-countries/langs/pl.json';
import pt from 'i18n-iso-countries/langs/pt.json';
import sv from 'i18n-iso-countries/langs/sv.json';
import { type CountryCode } from '../customer';
import { accepted, type Normalised, refused, ValidationCode } from './normalise-result';

// English first, so a name that means different countries in two languages resolves the English way.
const LOCALES = [en, sv, de, da, nb, fi, nl, fr, es, it, pt, pl];
for (const locale of LOCALES) countries.registerLocale(locale);

/** Names people write that no locale file lists. */
const ALTERNATE_NAMES: Readonly<Record<string, CountryCode>> = {
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  britain: 'GB',
  holland: 'NL',
  'the netherlands': 'NL',
  'czech republic': 'CZ',
  'u.k.': 'GB',
};

/**
 * Country name or code, any case, to ISO 3166-1 alpha-2: alpha-2, alpha-3 and numeric codes,
 * English names and their common alternates (UK, USA), and names in the languages of the
 * markets Crosswalk is deployed in (Sverige, Deutschland, Norge...). Diacritics are optional.
 */
export function normaliseCountry(input: string): Normalised<CountryCode> {
  const text = input.trim().replace(/\s+/g, ' ');
  if (text === '') return refused(ValidationCode.MISSING_REQUIRED, 'country is empty');
  const code = codeOf(text);
  if (code === undefined) {
    return refused(ValidationCode.INVALID_COUNTRY, `"${input}" is not a known country`);
  }
  return accepted(code);
}

// Country names repeat endlessly in a load and a name lookup scans every locale's list:
// remember answers (bounded; there are only so many ways to write a country).
const KNOWN = new Map<string, CountryCode | null>();
const KNOWN_LIMIT = 10_000;

function codeOf(text: string): CountryCode | undefined {
  const known = KNOWN.get(text);
  if (known !== undefined) return known ?? undefined;
  const code = lookUp(text);
  if (KNOWN.size < KNOWN_LIMIT) KNOWN.set(text, code ?? null);
  return code;
}

function lookUp(text: string): CountryCode | undefined {
  if (/^[A-Za-z]{2}$/.test(text) && countries.isValid(text)) return text.toUpperCase();
  if (/^[A-Za-z]{3}$/.test(text) && countries.isValid(text)) return countries.toAlpha2(text);
  if (/^\d{3}$/.test(text) && countries.isValid(text)) return countries.numericToAlpha2(text);
  const alternate = ALTERNATE_NAMES[text.toLowerCase()];
  if (alternate !== undefined) return alternate;
  for (const locale of LOCALES) {
    const code = countries.getSimpleAlpha2Code(text, locale.locale);
    if (code !== undefined) return code;
  }
  return undefined;
}
