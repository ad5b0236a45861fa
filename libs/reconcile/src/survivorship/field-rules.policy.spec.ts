import { CANONICAL_FIELDS, type CanonicalField, type SurvivorshipRule } from '@crosswalk/model';
import {
  defaultSurvivorshipRule,
  fieldRuleProblem,
  survivorshipRulesFor,
} from './field-rules.policy';

describe('survivorship rules per field', () => {
  it.each<[CanonicalField, SurvivorshipRule[]]>([
    ['kind', ['source-priority', 'most-recent', 'most-frequent']],
    ['legalName', ['source-priority', 'most-recent', 'most-frequent', 'most-complete', 'longest']],
    ['fullName', ['source-priority', 'most-recent', 'most-frequent', 'most-complete', 'longest']],
    ['birthDate', ['source-priority', 'most-recent', 'most-frequent']],
    ['website', ['source-priority', 'most-recent', 'most-frequent']],
    ['organization', ['source-priority', 'most-recent', 'most-frequent', 'most-complete']],
    ['phones', ['union', 'source-priority', 'most-recent', 'most-frequent', 'most-complete']],
    ['addresses', ['union', 'source-priority', 'most-recent', 'most-frequent', 'most-complete']],
  ])('%s takes %j', (field, rules) => {
    expect(survivorshipRulesFor(field)).toEqual(rules);
  });

  it.each<[CanonicalField, SurvivorshipRule]>([
    ['kind', 'source-priority'],
    ['givenName', 'source-priority'],
    ['organization', 'source-priority'],
    ['emails', 'union'],
    ['phones', 'union'],
    ['addresses', 'union'],
    ['identifiers', 'union'],
  ])('%s defaults to %s', (field, rule) => {
    expect(defaultSurvivorshipRule(field)).toBe(rule);
  });

  it('gives every canonical field a default rule it accepts', () => {
    for (const field of CANONICAL_FIELDS) {
      expect(fieldRuleProblem(field, defaultSurvivorshipRule(field))).toBeUndefined();
    }
  });

  it.each<[string, string, unknown, string | undefined, RegExp | undefined]>([
    ['a fitting rule', 'legalName', 'longest', undefined, undefined],
    ['one source for a list', 'phones', 'source-priority', undefined, undefined],
    ['an unknown field', 'nickname', 'longest', 'unknown-field', /'nickname' is not a canonical/],
    [
      'an unknown rule',
      'legalName',
      'newest',
      'unknown-rule',
      /unknown survivorship rule 'newest'/,
    ],
    ['a rule that is not text', 'legalName', 3, 'unknown-rule', /rule of type number/],
    ['longest on a date', 'birthDate', 'longest', 'unfit-rule', /does not fit birthDate \(a date/],
    ['longest on a list', 'emails', 'longest', 'unfit-rule', /it takes: union, source-priority/],
    ['union on a scalar', 'fullName', 'union', 'unfit-rule', /'union' does not fit fullName/],
    ['most-complete on kind', 'kind', 'most-complete', 'unfit-rule', /does not fit kind/],
  ])('%s', (_case, field, rule, kind, message) => {
    const problem = fieldRuleProblem(field, rule);
    expect(problem?.kind).toBe(kind);
    if (message !== undefined) expect(problem?.message).toMatch(message);
  });
});
