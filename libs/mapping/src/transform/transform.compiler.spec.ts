import { ValidationCode } from '@crosswalk/model';
import { type SourceValue } from '../source/source-value';
import { compileTransform, TRANSFORM_NAMES } from './transform.compiler';

const values = (...texts: string[]): SourceValue[] =>
  texts.map((text, i) => ({ text, sources: [`F${i + 1}`] }));

function run(spec: unknown, input: SourceValue[]): ReturnType<ReturnType<typeof transformOf>> {
  return transformOf(spec)(input);
}

function transformOf(spec: unknown) {
  const compiled = compileTransform(spec);
  if (!compiled.ok) throw new Error(`did not compile: ${compiled.reason}`);
  return compiled.transform;
}

describe('transforms', () => {
  it.each<[string, unknown, string[], string[]]>([
    ['trim', 'trim', ['  Anna  Svensson '], ['Anna  Svensson']],
    ['upper', 'upper', ['se-556'], ['SE-556']],
    ['lower', 'lower', ['Info@Example.SE'], ['info@example.se']],
    ['title', 'title', ["ANNA-LENA o'brien åsa"], ["Anna-Lena O'Brien Åsa"]],
    ['concat', 'concat', ['SE', '5560'], ['SE5560']],
    ['join (bare, space)', 'join', ['Anna', 'Svensson'], ['Anna Svensson']],
    ['join with separator', { join: ', ' }, ['Storgatan 1', 'Box 4'], ['Storgatan 1, Box 4']],
    ['join of nothing', 'join', [], []],
    ['split all (bare)', 'split', [' a  b c '], ['a', 'b', 'c']],
    ['split first', { split: { take: 'first' } }, ['Anna Maria Svensson'], ['Anna']],
    [
      'split last',
      { split: { separator: ' ', take: 'last' } },
      ['Anna Maria Svensson'],
      ['Svensson'],
    ],
    ['split but-last', { split: { take: 'but-last' } }, ['Anna Maria Svensson'], ['Anna Maria']],
    [
      'split but-first',
      { split: { separator: ',', take: 'but-first' } },
      ['Svensson, Anna, Maria'],
      ['Anna,Maria'],
    ],
    ['split index', { split: { separator: ';', take: 1 } }, ['a@x.se; b@x.se'], ['b@x.se']],
    ['split negative index', { split: { separator: ';', take: -1 } }, ['a;b;c'], ['c']],
    ['split index past the end', { split: { separator: ';', take: 5 } }, ['a;b'], []],
    [
      'split on a separator',
      { split: { separator: ';' } },
      ['a@x.se;b@x.se;'],
      ['a@x.se', 'b@x.se'],
    ],
    ['split but-last of one word', { split: { take: 'but-last' } }, ['Cher'], []],
    [
      'map (case-insensitive)',
      { map: { Sverige: 'SE', ' norge ': 'NO' } },
      ['SVERIGE', 'Norge', 'Suomi'],
      ['SE', 'NO', 'Suomi'],
    ],
    ['map to null drops', { map: { unknown: null } }, ['Unknown', 'x'], ['x']],
    [
      'map numbers',
      { map: { 1: 'person', 2: 'organization' } },
      ['1', '2'],
      ['person', 'organization'],
    ],
    ['null-if one', { 'null-if': 'N/A' }, ['n/a', 'x'], ['x']],
    ['null-if list', { 'null-if': ['-', 'none', 0] }, ['-', ' None ', '0', 'y'], ['y']],
    ['replace', { replace: { pattern: '[^0-9+]', with: '' } }, ['(070) 123-45'], ['07012345']],
    [
      'replace with flags',
      { replace: { pattern: 'ab', with: 'X', flags: 'i' } },
      ['ABab'],
      ['Xab'],
    ],
    [
      'replace groups',
      { replace: { pattern: '^(\\w+), (\\w+)$', with: '$2 $1' } },
      ['Svensson, Anna'],
      ['Anna Svensson'],
    ],
    ['date', { date: 'dd.MM.yyyy' }, ['29.02.1980'], ['1980-02-29']],
    [
      'date, several formats',
      { date: ['yyyyMMdd', 'd/M/yyyy'] },
      ['19800229', '1/3/1980'],
      ['1980-02-29', '1980-03-01'],
    ],
  ])('%s', (_name, spec, input, expected) => {
    const outcome = run(spec, values(...input));
    expect(outcome.values.map((v) => v.text)).toEqual(expected);
    expect(outcome.issues).toEqual([]);
  });

  it('keeps each value’s source through element-wise transforms and merges them on join', () => {
    expect(run('upper', values('a', 'b')).values).toEqual([
      { text: 'A', sources: ['F1'] },
      { text: 'B', sources: ['F2'] },
    ]);
    expect(run('join', values('a', 'b')).values).toEqual([{ text: 'a b', sources: ['F1', 'F2'] }]);
    expect(run({ split: { separator: ';' } }, values('a;b')).values).toEqual([
      { text: 'a', sources: ['F1'] },
      { text: 'b', sources: ['F1'] },
    ]);
  });

  it('reports a date that does not match and leaves it out', () => {
    const outcome = run({ date: 'dd.MM.yyyy' }, values('31.04.1980', '01.05.1980'));
    expect(outcome.values.map((v) => v.text)).toEqual(['1980-05-01']);
    expect(outcome.issues).toEqual([
      expect.objectContaining({
        code: ValidationCode.INVALID_DATE,
        value: { text: '31.04.1980', sources: ['F1'] },
      }),
    ]);
  });

  it('reads a source Date directly, whatever the format', () => {
    const instant = new Date(1980, 1, 29);
    const outcome = run({ date: 'dd.MM.yyyy' }, [{ text: '1980-02-29', sources: ['D'], instant }]);
    expect(outcome.values.map((v) => v.text)).toEqual(['1980-02-29']);
  });

  it.each<[unknown, 'UNKNOWN_TRANSFORM' | 'BAD_TRANSFORM_ARGUMENT', RegExp]>([
    ['reverse', 'UNKNOWN_TRANSFORM', /unknown transform "reverse"; known transforms: trim, /],
    [{ uppercase: null }, 'UNKNOWN_TRANSFORM', /unknown transform "uppercase"/],
    [42, 'BAD_TRANSFORM_ARGUMENT', /a transform is a name or a map with one key/],
    [{}, 'BAD_TRANSFORM_ARGUMENT', /exactly one key.*found 0/],
    [{ trim: null, upper: null }, 'BAD_TRANSFORM_ARGUMENT', /exactly one key.*found 2/],
    [{ trim: 'both' }, 'BAD_TRANSFORM_ARGUMENT', /takes no argument/],
    [{ concat: '-' }, 'BAD_TRANSFORM_ARGUMENT', /takes no argument/],
    [{ join: 1 }, 'BAD_TRANSFORM_ARGUMENT', /separator as a string/],
    ['map', 'BAD_TRANSFORM_ARGUMENT', /"map" needs an argument/],
    [{ map: {} }, 'BAD_TRANSFORM_ARGUMENT', /non-empty map/],
    [{ map: ['SE'] }, 'BAD_TRANSFORM_ARGUMENT', /non-empty map/],
    [{ map: { Sverige: ['SE'] } }, 'BAD_TRANSFORM_ARGUMENT', /value for "Sverige" must be text/],
    [{ map: { SE: 'Sweden', se: 'Sverige' } }, 'BAD_TRANSFORM_ARGUMENT', /"se" appears twice/],
    [
      { split: { take: 'middle' } },
      'BAD_TRANSFORM_ARGUMENT',
      /take must be one of first, last, all/,
    ],
    [{ split: { take: 1.5 } }, 'BAD_TRANSFORM_ARGUMENT', /take must be/],
    [
      { split: { separator: '' } },
      'BAD_TRANSFORM_ARGUMENT',
      /separator must be a non-empty string/,
    ],
    [{ split: { sep: ',' } }, 'BAD_TRANSFORM_ARGUMENT', /unknown option "sep"/],
    [{ split: ' ' }, 'BAD_TRANSFORM_ARGUMENT', /expects \{ separator/],
    ['null-if', 'BAD_TRANSFORM_ARGUMENT', /"null-if" needs an argument/],
    [{ 'null-if': [] }, 'BAD_TRANSFORM_ARGUMENT', /a value or a list of values/],
    [{ 'null-if': [{ a: 1 }] }, 'BAD_TRANSFORM_ARGUMENT', /a value or a list of values/],
    [{ replace: '[0-9]' }, 'BAD_TRANSFORM_ARGUMENT', /expects \{ pattern/],
    [{ replace: { pattern: '(' } }, 'BAD_TRANSFORM_ARGUMENT', /invalid regular expression/],
    [
      { replace: { pattern: 'a', flags: 'q' } },
      'BAD_TRANSFORM_ARGUMENT',
      /invalid regular expression/,
    ],
    [{ replace: { pattern: 'a', by: 'b' } }, 'BAD_TRANSFORM_ARGUMENT', /unknown option "by"/],
    [{ replace: { with: 'b' } }, 'BAD_TRANSFORM_ARGUMENT', /pattern must be a non-empty/],
    [{ date: '' }, 'BAD_TRANSFORM_ARGUMENT', /date-fns format/],
    [{ date: [] }, 'BAD_TRANSFORM_ARGUMENT', /date-fns format/],
  ])('refuses %j with %s', (spec, code, reason) => {
    const compiled = compileTransform(spec);
    expect(compiled).toMatchObject({ ok: false, code });
    expect(compiled.ok ? '' : compiled.reason).toMatch(reason);
  });

  it('lists the catalogue', () => {
    expect(TRANSFORM_NAMES).toEqual([
      'trim',
      'upper',
      'lower',
      'title',
      'concat',
      'join',
      'split',
      'map',
      'null-if',
      'replace',
      'date',
    ]);
  });
});
