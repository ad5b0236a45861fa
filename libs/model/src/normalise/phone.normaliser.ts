import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import {
  accepted,
  ModelError,
  ModelErrorCode,
  type Normalised,
  refused,
  ValidationCode,
} from './normalise-result';

/** Whether libphonenumber knows the region, so the config can refuse a bad default early. */
export function isPhoneRegion(region: string): boolean {
  return isSupportedCountry(region.toUpperCase());
}

/**
 * Parses a phone number written in any common way (national, international, `00` prefix)
 * and returns it in E.164. Numbers without a country prefix are read in `defaultRegion`.
 * Validity uses the full metadata, so a national number of the right length but an unassigned
 * range is refused. A number written with its country code (`+45`, `0045`) only has to be of a
 * possible length for that country: the caller said which country it is, and number ranges are
 * allocated faster than the metadata follows.
 */
export function normalisePhone(input: string, defaultRegion: string): Normalised<string> {
  const region = defaultRegion.toUpperCase();
  if (!isSupportedCountry(region)) {
    throw new ModelError(
      ModelErrorCode.INVALID_DEFAULT_REGION,
      `"${defaultRegion}" is not a phone region (expected an ISO 3166-1 alpha-2 code such as SE)`,
      { defaultRegion },
    );
  }
  const text = input.trim();
  if (text === '') return refused(ValidationCode.MISSING_REQUIRED, 'phone number is empty');
  const parsed = parsePhoneNumberFromString(text, region);
  const international = /^(\+|00)/.test(text);
  const acceptable =
    parsed !== undefined && (parsed.isValid() || (international && parsed.isPossible()));
  if (parsed === undefined || !acceptable) {
    return refused(
      ValidationCode.INVALID_PHONE,
      `"${input}" is not a valid phone number (read in region ${region})`,
    );
  }
  return accepted(parsed.number);
}
