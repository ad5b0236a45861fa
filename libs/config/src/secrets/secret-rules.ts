/**
 * Key names whose values are secrets, compared case-insensitively without '-' and '_':
 * `token`, `sasl.password`, `clientSecret`, `api_key`, `privateKey`, `credentials`...
 * Matching the end of the name keeps `tokenUrl` or `passwordFile` out.
 */
const SECRET_KEY_ENDINGS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'privatekey',
  'accesskey',
  'credential',
  'credentials',
];

export function isSecretKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEY_ENDINGS.some((ending) => normalised.endsWith(ending));
}

/** `${env:NAME}` or `${file:PATH}`; the scheme is checked by the resolver. */
export const REFERENCE_PATTERN = /\$\{([A-Za-z][A-Za-z0-9]*):([^}]*)\}/g;
const WHOLE_REFERENCE = /^\$\{[A-Za-z][A-Za-z0-9]*:[^}]*\}$/;

export function isWholeReference(text: string): boolean {
  return WHOLE_REFERENCE.test(text);
}

// scheme://user:password@host... The password part is what must never be literal.
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s:]*):([^/?#@\s]*)@/gi;

/** True when `raw` holds a URL whose password is written out rather than referenced. */
export function hasLiteralUrlPassword(raw: string): boolean {
  const masked = raw.replace(REFERENCE_PATTERN, '\u0000');
  for (const match of masked.matchAll(URL_USERINFO)) {
    const password = match[3] ?? '';
    if (password !== '' && password !== '\u0000') return true;
  }
  return false;
}

export const REDACTED = '***';

/** Replaces the password of every URL in `text` with ***. */
export function redactUrlPasswords(text: string): string {
  return text.replace(URL_USERINFO, (_match, scheme: string, user: string) => {
    return `${scheme}${user}:${REDACTED}@`;
  });
}
