import { ValidationCode } from './normalise-result';
import { normaliseDomain, normaliseWebsite } from './website.normaliser';

describe('normaliseWebsite', () => {
  it.each([
    ['https://www.Example.org/About', 'https://www.example.org/About', 'example.org'],
    ['WWW.example.se', 'https://www.example.se/', 'example.se'],
    ['example.co.uk/contact?x=1', 'https://example.co.uk/contact?x=1', 'example.co.uk'],
    ['http://shop.example.com', 'http://shop.example.com/', 'shop.example.com'],
  ])('%j -> %s (%s)', (input, website, domain) => {
    expect(normaliseWebsite(input)).toEqual({ ok: true, value: { website, domain } });
  });

  it.each([
    ['ftp://example.org', ValidationCode.INVALID_WEBSITE],
    ['not a site', ValidationCode.INVALID_WEBSITE],
    ['localhost', ValidationCode.INVALID_WEBSITE],
    ['', ValidationCode.MISSING_REQUIRED],
  ])('refuses %j with %s', (input, code) => {
    expect(normaliseWebsite(input)).toMatchObject({ ok: false, code });
  });

  it.each([
    ['Example.ORG', 'example.org'],
    ['www.example.org', 'example.org'],
    ['https://www.example.org/x', 'example.org'],
  ])('domain %j -> %s', (input, expected) => {
    expect(normaliseDomain(input)).toEqual({ ok: true, value: expected });
  });
});
