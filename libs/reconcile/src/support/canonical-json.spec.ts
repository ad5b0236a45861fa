import { stringify } from 'safe-stable-stringify';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('writes object keys in one order at every depth, whatever order they were set in', () => {
    const left = { b: 1, a: { d: [{ y: 2, x: 1 }], c: 'é' } };
    const right = { a: { c: 'é', d: [{ x: 1, y: 2 }] }, b: 1 };
    expect(canonicalJson(left)).toBe('{"a":{"c":"é","d":[{"x":1,"y":2}]},"b":1}');
    expect(canonicalJson(right)).toBe(canonicalJson(left));
  });

  it('drops undefined members, keeps array order, and writes undefined items as null', () => {
    expect(canonicalJson({ kept: null, dropped: undefined, list: ['b', undefined, 'a'] })).toBe(
      '{"kept":null,"list":["b",null,"a"]}',
    );
  });

  it('writes scalars as JSON does', () => {
    expect(canonicalJson('say "hi"')).toBe('"say \\"hi\\""');
    expect(canonicalJson(3.5)).toBe('3.5');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it.each([
    ['plain'],
    ['quotes " and backslashes \\'],
    ['control \u0000 \u0007 \n \t \u001f characters'],
    ['non-ASCII é 東京 😀'],
    ['lone surrogates \ud800 and \udfff'],
    ['\u2028 line and \u2029 paragraph separators'],
  ])('writes the string %j as the object serialiser would', (text) => {
    expect(canonicalJson(text)).toBe(stringify(text));
    expect(canonicalJson([text])).toBe(`[${canonicalJson(text)}]`);
  });
});
