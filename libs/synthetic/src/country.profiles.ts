import { type SyntheticCountry } from './synthetic.types';

/** What the generator needs to know about one country. */
export interface CountryProfile {
  /** E.164 prefix and national number length of the mobile range used. */
  mobilePrefix: string;
  mobileDigits: number;
  /** Legal forms, each with the spellings sources use for it. */
  legalForms: readonly (readonly string[])[];
  businessWords: readonly string[];
  topLevelDomain: string;
  vat(digits: string): { scheme: string; value: string };
}

export const COUNTRY_PROFILES: Readonly<Record<SyntheticCountry, CountryProfile>> = {
  SE: {
    mobilePrefix: '+4670',
    mobileDigits: 7,
    legalForms: [['AB', 'Aktiebolag', 'AB (publ)']],
    businessWords: [
      'Bygg',
      'Måleri',
      'Fastigheter',
      'Konsult',
      'Teknik',
      'Transport',
      'Elektriska',
      'Trädgård',
    ],
    topLevelDomain: 'se',
    vat: (digits) => ({ scheme: 'vat', value: `SE${digits.slice(0, 10)}01` }),
  },
  NO: {
    mobilePrefix: '+479',
    mobileDigits: 7,
    legalForms: [['AS', 'A/S'], ['ASA']],
    businessWords: ['Bygg', 'Eiendom', 'Rørlegger', 'Fiskeri', 'Transport', 'Regnskap'],
    topLevelDomain: 'no',
    vat: (digits) => ({ scheme: 'vat', value: `NO${digits.slice(0, 9)}MVA` }),
  },
  DK: {
    mobilePrefix: '+452',
    mobileDigits: 7,
    legalForms: [
      ['A/S', 'AS'],
      ['ApS', 'Aps'],
    ],
    businessWords: ['Byg', 'Ejendomme', 'Tømrer', 'Handel', 'Rådgivning', 'Økologi'],
    topLevelDomain: 'dk',
    vat: (digits) => ({ scheme: 'vat', value: `DK${digits.slice(0, 8)}` }),
  },
  FI: {
    mobilePrefix: '+35840',
    mobileDigits: 7,
    legalForms: [['Oy', 'OY'], ['Oyj']],
    businessWords: ['Rakennus', 'Kiinteistöt', 'Kuljetus', 'Sähkö', 'Konsultointi'],
    topLevelDomain: 'fi',
    vat: (digits) => ({ scheme: 'vat', value: `FI${digits.slice(0, 8)}` }),
  },
  DE: {
    mobilePrefix: '+49151',
    mobileDigits: 8,
    legalForms: [['GmbH', 'G.m.b.H.'], ['AG'], ['GmbH & Co. KG', 'GmbH & Co KG']],
    businessWords: ['Bau', 'Immobilien', 'Logistik', 'Elektrotechnik', 'Beratung', 'Maschinenbau'],
    topLevelDomain: 'de',
    vat: (digits) => ({ scheme: 'vat', value: `DE${digits.slice(0, 9)}` }),
  },
  TR: {
    mobilePrefix: '+90532',
    mobileDigits: 7,
    legalForms: [
      ['A.Ş.', 'AŞ', 'Anonim Şirketi'],
      ['Ltd. Şti.', 'Ltd Şti', 'Limited Şirketi'],
    ],
    businessWords: ['İnşaat', 'Tekstil', 'Gıda', 'Lojistik', 'Yazılım', 'Turizm'],
    topLevelDomain: 'com.tr',
    vat: (digits) => ({ scheme: 'tax-id', value: digits.slice(0, 10) }),
  },
  GB: {
    mobilePrefix: '+447400',
    mobileDigits: 6,
    legalForms: [
      ['Ltd', 'Limited', 'Ltd.'],
      ['plc', 'PLC'],
    ],
    businessWords: ['Building', 'Properties', 'Consulting', 'Logistics', 'Engineering', 'Catering'],
    topLevelDomain: 'co.uk',
    vat: (digits) => ({ scheme: 'vat', value: `GB${digits.slice(0, 9)}` }),
  },
  US: {
    mobilePrefix: '+1212',
    mobileDigits: 7,
    legalForms: [
      ['Inc.', 'Inc', 'Incorporated'],
      ['LLC', 'L.L.C.'],
      ['Corp.', 'Corporation'],
    ],
    businessWords: ['Construction', 'Realty', 'Consulting', 'Logistics', 'Solutions', 'Holdings'],
    topLevelDomain: 'com',
    vat: (digits) => ({ scheme: 'ein', value: `${digits.slice(0, 2)}-${digits.slice(2, 9)}` }),
  },
};

/** Names, streets and places of one country, drawn from locale data. */
export interface CountryPools {
  givenNames: readonly string[];
  familyNames: readonly string[];
  streets: readonly string[];
  places: readonly { city: string; postalCodes: readonly string[] }[];
}
