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
 * Validity uses the full metadata, so a number of the right length but an unassigned range
 * is refused.
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
  if (parsed === undefined || !parsed.isValid()) {
    return refused(
      ValidationCode.INVALID_PHONE,
      `"${input}" is not a valid phone number (default region ${region})`,
    );
  }
  return accepted(parsed.number);
}
