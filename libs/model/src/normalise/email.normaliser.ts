import isEmail from 'validator/lib/isEmail';
import { accepted, type Normalised, refused, ValidationCode } from './normalise-result';

/**
 * Trims and lower-cases an e-mail address. Dots and `+tags` are kept: whether they are
 * significant depends on the mail provider, and merging two people on a guess is worse
 * than missing a match.
 */
export function normaliseEmail(input: string): Normalised<string> {
  const email = input.trim().toLowerCase();
  if (email === '') return refused(ValidationCode.MISSING_REQUIRED, 'e-mail is empty');
  if (!isEmail(email)) {
    return refused(ValidationCode.INVALID_EMAIL, `"${input}" is not a valid e-mail address`);
  }
  return accepted(email);
}
