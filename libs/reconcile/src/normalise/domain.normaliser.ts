import { normaliseDomain } from '@crosswalk/model';

/**
 * Mail providers whose addresses say nothing about an organization: a person at gmail.com
 * works for no company called Gmail.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'aol.com',
  'bredband.net',
  'comhem.se',
  'gmail.com',
  'gmx.de',
  'gmx.net',
  'googlemail.com',
  'hotmail.co.uk',
  'hotmail.com',
  'hotmail.de',
  'hotmail.se',
  'icloud.com',
  'live.com',
  'live.se',
  'mac.com',
  'me.com',
  'msn.com',
  'online.no',
  'outlook.com',
  'outlook.de',
  'protonmail.com',
  'proton.me',
  't-online.de',
  'telia.com',
  'web.de',
  'yahoo.co.uk',
  'yahoo.com',
  'yahoo.de',
  'yahoo.se',
  'yandex.com',
  'yandex.com.tr',
  'ymail.com',
]);

/** The organization domain of an e-mail address; null for free-mail providers and non-addresses. */
export function domainOfEmail(
  email: string,
  freeMailDomains: ReadonlySet<string> = FREE_MAIL_DOMAINS,
): string | null {
  const at = email.lastIndexOf('@');
  if (at <= 0) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/^www\./, '');
  if (domain === '' || !domain.includes('.') || freeMailDomains.has(domain)) return null;
  return domain;
}

/** The domain of a website or bare domain ("https://www.Acme.se/about" -> "acme.se"); null when unusable. */
export function domainOfWebsite(website: string): string | null {
  const result = normaliseDomain(website);
  return result.ok ? result.value : null;
}
