import { type SourceObservation } from '@crosswalk/model';

export type SyntheticCountry = 'SE' | 'NO' | 'DK' | 'FI' | 'DE' | 'TR' | 'GB' | 'US';

export type SyntheticSource = 'erp' | 'crm' | 'webshop';

/** A record as one source system would hold it: its own field names, values as typed there. */
export interface SyntheticSourceRecord {
  source: SyntheticSource;
  /** `customers` (ERP), `contacts` / `accounts` (CRM), `customers` (webshop). */
  object: string;
  externalId: string;
  fields: Readonly<Record<string, string>>;
  /** The market the source serves the customer in: its default phone region. */
  region: SyntheticCountry;
  /** The real-world customer this record is about: the known truth. */
  entityId: string;
}

/** A generated record after mapping and normalisation, with its truth. */
export interface SyntheticObservation {
  observation: SourceObservation;
  entityId: string;
}

export interface SyntheticOptions {
  /** How many source records to generate. */
  records: number;
  seed: number;
  countries: readonly SyntheticCountry[];
  /** Share of customers that are organizations (their contacts are persons). */
  organizationShare: number;
  /** Share of new persons who live with the previous one (same address and home phone). */
  householdShare: number;
  /** How often each kind of noise is applied to a record. */
  noise: NoiseRates;
}

export interface NoiseRates {
  typo: number;
  nickname: number;
  swappedNames: number;
  transliteration: number;
  upperCase: number;
  missingEmail: number;
  missingPhone: number;
  missingBirthDate: number;
  missingAddress: number;
  addressAbbreviation: number;
  newEmail: number;
  moved: number;
  birthDateTypo: number;
  phoneTypo: number;
}

export const DEFAULT_NOISE_RATES: NoiseRates = {
  typo: 0.08,
  nickname: 0.12,
  swappedNames: 0.03,
  transliteration: 0.15,
  upperCase: 0.08,
  missingEmail: 0.25,
  missingPhone: 0.25,
  missingBirthDate: 0.35,
  missingAddress: 0.12,
  addressAbbreviation: 0.4,
  newEmail: 0.08,
  moved: 0.05,
  birthDateTypo: 0.02,
  phoneTypo: 0.02,
};

export const DEFAULT_SYNTHETIC_OPTIONS: SyntheticOptions = {
  records: 10_000,
  seed: 42,
  countries: ['SE', 'NO', 'DK', 'FI', 'DE', 'TR', 'GB', 'US'],
  organizationShare: 0.2,
  householdShare: 0.1,
  noise: DEFAULT_NOISE_RATES,
};
