import { domainOfEmail, domainOfWebsite } from './domain.normaliser';

describe('domainOfEmail', () => {
  it.each([
    ['anna@acme.se', 'acme.se'],
    ['Anna@ACME.SE', 'acme.se'],
    ['anna@gmail.com', null],
    ['bob@hotmail.com', null],
    ['bob@outlook.com', null],
    ['bob@yahoo.com', null],
    ['not-an-address', null],
    ['@acme.se', null],
    ['anna@localhost', null],
  ])('%s -> %s', (email, domain) => {
    expect(domainOfEmail(email)).toBe(domain);
  });

  it('takes another free-mail list', () => {
    expect(domainOfEmail('anna@acme.se', new Set(['acme.se']))).toBeNull();
  });
});

describe('domainOfWebsite', () => {
  it.each([
    ['https://www.Acme.se/about', 'acme.se'],
    ['acme.co.uk', 'acme.co.uk'],
    ['not a website', null],
  ])('%s -> %s', (website, domain) => {
    expect(domainOfWebsite(website)).toBe(domain);
  });
});
