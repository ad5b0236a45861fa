import { normaliseEmail } from './email.normaliser';
import { ValidationCode } from './normalise-result';

describe('normaliseEmail', () => {
  it.each([
    ['  Anna.Svensson@Example.SE ', 'anna.svensson@example.se'],
    ['first.last+crm@gmail.com', 'first.last+crm@gmail.com'],
    ['O.Brien@sub.example.co.uk', 'o.brien@sub.example.co.uk'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normaliseEmail(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['anna@', ValidationCode.INVALID_EMAIL],
    ['anna.example.se', ValidationCode.INVALID_EMAIL],
    ['anna@example', ValidationCode.INVALID_EMAIL],
    ['two words@example.se', ValidationCode.INVALID_EMAIL],
    ['   ', ValidationCode.MISSING_REQUIRED],
  ])('refuses %j with %s', (input, code) => {
    expect(normaliseEmail(input)).toMatchObject({ ok: false, code });
  });
});
