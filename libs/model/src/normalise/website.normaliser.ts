import isFQDN from 'validator/lib/isFQDN';
import { accepted, type Normalised, refused, ValidationCode } from './normalise-result';

export interface NormalisedWebsite {
  /** Absolute http(s) URL with a lower-case host. */
  website: string;
  /** Lower-case host without a leading `www.`. */
  domain: string;
}

/** "WWW.Example.org/about", "https://example.org" -> website URL and domain "example.org". */
export function normaliseWebsite(input: string): Normalised<NormalisedWebsite> {
  const text = input.trim();
  if (text === '') return refused(ValidationCode.MISSING_REQUIRED, 'website is empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return refused(ValidationCode.INVALID_WEBSITE, `"${input}" is not a web address`);
  }
  const domain = url.hostname.toLowerCase().replace(/^www\./, '');
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isFQDN(domain)) {
    return refused(ValidationCode.INVALID_WEBSITE, `"${input}" is not a web address`);
  }
  return accepted({ website: url.href, domain });
}

/** A bare domain or any web address -> lower-case host without `www.`. */
export function normaliseDomain(input: string): Normalised<string> {
  const result = normaliseWebsite(input);
  return result.ok ? accepted(result.value.domain) : result;
}
