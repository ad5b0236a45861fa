import { type CustomerKind } from '@crosswalk/model';
import { type MatchFeatures } from '../../normalise/match-features';

/**
 * Match features of a chunk of records in a form that crosses threads cheaply: each distinct
 * string once, in a JSON array, and every field as an index into it in one integer array
 * (moved, not copied). Decoded records share their equal strings.
 */
export interface EncodedFeatures {
  /** JSON of the distinct strings. */
  strings: string;
  /** Per record: its scalar fields' string indexes, then each list as its length and indexes. */
  codes: Int32Array;
  records: number;
}

/** The scalar (string) fields, in the order they are written. */
const SCALARS = [
  'kind',
  'given',
  'givenCanonical',
  'givenSound',
  'family',
  'familySound',
  'nameTokens',
  'orgWords',
  'orgCompact',
  'orgSound',
  'birthDate',
  'postalCode',
  'street',
  'city',
  'country',
] as const satisfies readonly (keyof MatchFeatures)[];

/** The list fields, in the order they are written. */
const LISTS = [
  'emails',
  'phones',
  'domains',
  'strongIds',
  'linkKeys',
] as const satisfies readonly (keyof MatchFeatures)[];

export function encodeFeatures(features: readonly MatchFeatures[]): EncodedFeatures {
  const table = new Map<string, number>();
  const strings: string[] = [];
  const indexOf = (value: string): number => {
    let index = table.get(value);
    if (index === undefined) {
      index = strings.length;
      strings.push(value);
      table.set(value, index);
    }
    return index;
  };
  let length = 0;
  for (const record of features) {
    length += SCALARS.length + LISTS.length;
    for (const list of LISTS) length += record[list].length;
  }
  const codes = new Int32Array(length);
  let at = 0;
  for (const record of features) {
    for (const field of SCALARS) {
      codes[at] = indexOf(record[field]);
      at += 1;
    }
    for (const list of LISTS) {
      const values = record[list];
      codes[at] = values.length;
      at += 1;
      for (const value of values) {
        codes[at] = indexOf(value);
        at += 1;
      }
    }
  }
  return { strings: JSON.stringify(strings), codes, records: features.length };
}

export function decodeFeatures(encoded: EncodedFeatures): MatchFeatures[] {
  const strings = JSON.parse(encoded.strings) as string[];
  const { codes } = encoded;
  let at = 0;
  const next = (): string => {
    const value = strings[codes[at] ?? -1] ?? '';
    at += 1;
    return value;
  };
  const list = (): string[] => {
    const length = codes[at] ?? 0;
    at += 1;
    const values = new Array<string>(length);
    for (let index = 0; index < length; index += 1) values[index] = next();
    return values;
  };
  const features = new Array<MatchFeatures>(encoded.records);
  for (let record = 0; record < encoded.records; record += 1) {
    // Written out field by field, in the extractor's order, so every record has one shape.
    const kind = next() as CustomerKind;
    const given = next();
    const givenCanonical = next();
    const givenSound = next();
    const family = next();
    const familySound = next();
    const nameTokens = next();
    const orgWords = next();
    const orgCompact = next();
    const orgSound = next();
    const birthDate = next();
    const postalCode = next();
    const street = next();
    const city = next();
    const country = next();
    const emails = list();
    const phones = list();
    const domains = list();
    const strongIds = list();
    const linkKeys = list();
    features[record] = {
      kind,
      given,
      givenCanonical,
      givenSound,
      family,
      familySound,
      nameTokens,
      orgWords,
      orgCompact,
      orgSound,
      birthDate,
      emails,
      phones,
      domains,
      postalCode,
      street,
      city,
      country,
      strongIds,
      linkKeys,
    };
  }
  return features;
}
