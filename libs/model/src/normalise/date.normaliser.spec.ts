import { isValid, parse } from 'date-fns';
import { normaliseDate, normaliseTimestamp } from './date.normaliser';
import { ValidationCode } from './normalise-result';

describe('normaliseDate', () => {
  it.each<[string | Date, string[], string]>([
    ['1980-02-29', [], '1980-02-29'],
    [' 1980-02-29T23:30:00-05:00 ', [], '1980-02-29'],
    ['29.02.1980', ['dd.MM.yyyy'], '1980-02-29'],
    ['2/9/1980', ['yyyy-MM-dd', 'd/M/yyyy'], '1980-09-02'],
    ['19800229', ['yyyyMMdd'], '1980-02-29'],
    ['75-06-01', ['yy-MM-dd'], '1975-06-01'],
    [new Date(1980, 1, 29), [], '1980-02-29'],
    [new Date(Date.UTC(1980, 1, 29, 12, 30)), [], '1980-02-29'],
  ])('%j with %j -> %s', (input, formats, expected) => {
    expect(normaliseDate(input, formats)).toEqual({ ok: true, value: expected });
  });

  it.each<[string | Date, string[], ValidationCode]>([
    ['1981-02-29', [], ValidationCode.INVALID_DATE],
    ['2023-13-01', [], ValidationCode.INVALID_DATE],
    ['01/02/2023', [], ValidationCode.INVALID_DATE],
    ['31.04.2020', ['dd.MM.yyyy'], ValidationCode.INVALID_DATE],
    ['2020-01-01 extra', ['yyyy-MM-dd'], ValidationCode.INVALID_DATE],
    [new Date(Number.NaN), [], ValidationCode.INVALID_DATE],
    [' ', [], ValidationCode.MISSING_REQUIRED],
  ])('refuses %j with %j as %s', (input, formats, code) => {
    expect(normaliseDate(input, formats)).toMatchObject({ ok: false, code });
  });
});

describe('normaliseTimestamp', () => {
  it.each<[string | Date, string[], string]>([
    ['2024-03-01T10:15:00Z', [], '2024-03-01T10:15:00.000Z'],
    ['2024-03-01T10:15:00+01:00', [], '2024-03-01T09:15:00.000Z'],
    ['2024-03-01 10:15:00', [], '2024-03-01T10:15:00.000Z'],
    ['2024-03-01', [], '2024-03-01T00:00:00.000Z'],
    ['2024-03-01 10:15:00', ['yyyy-MM-dd HH:mm:ss'], '2024-03-01T10:15:00.000Z'],
    ['01.03.2024 10:15', ['dd.MM.yyyy HH:mm'], '2024-03-01T10:15:00.000Z'],
    ['2024-03-01T10:15:00+0200', ["yyyy-MM-dd'T'HH:mm:ssxx"], '2024-03-01T08:15:00.000Z'],
    ['1709288100', ['t'], '2024-03-01T10:15:00.000Z'],
    [new Date(Date.UTC(2024, 2, 1, 10, 15)), [], '2024-03-01T10:15:00.000Z'],
  ])('%j with %j -> %s', (input, formats, expected) => {
    expect(normaliseTimestamp(input, formats)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, string[]]>([
    ['yesterday', []],
    ['2024-02-30T10:00:00Z', []],
    ['2024-03-01', ['yyyy-MM-dd HH:mm:ss']],
  ])('refuses %j with %j', (input, formats) => {
    expect(normaliseTimestamp(input, formats)).toMatchObject({
      ok: false,
      code: ValidationCode.INVALID_TIMESTAMP,
    });
  });

  describe('reads fixed-width patterns as date-fns does', () => {
    /** What date-fns alone makes of the text: its wall-clock fields taken as UTC. */
    function byDateFns(text: string, pattern: string): string | undefined {
      const local = parse(text, pattern, new Date(2000, 0, 1));
      if (!isValid(local)) return undefined;
      return new Date(
        Date.UTC(
          local.getFullYear(),
          local.getMonth(),
          local.getDate(),
          local.getHours(),
          local.getMinutes(),
          local.getSeconds(),
          local.getMilliseconds(),
        ),
      ).toISOString();
    }

    const patterns = ['yyyy-MM-dd HH:mm:ss', "yyyy-MM-dd'T'HH:mm:ss", 'yyyy-MM-dd HH:mm'];
    const texts = [
      '2024-03-01 10:15:00',
      '2024-02-29 23:59:59',
      '2023-02-29 10:00:00',
      '2024-04-31 10:00:00',
      '2024-12-31 24:00:00',
      '2024-13-01 00:00:00',
      '2024-00-10 00:00:00',
      '2024-01-00 00:00:00',
      '2024-01-01 00:60:00',
      '2024-01-01 00:00:60',
      '0999-01-01 00:00:00',
      '0000-01-01 00:00:00',
      '1900-02-29 12:00:00',
      '2000-02-29 12:00:00',
      '2024-3-1 1:2:3',
      '2024-03-01T10:15:00',
      '2024-03-01 10:15',
      '2024-03-01T10:15',
      '2024-03-01 10:15:00Z',
      '2024-03-01 10:15:00.123',
      '2024-03-31 02:30:00',
      '2024-10-27 02:30:00',
    ];

    it.each(patterns.flatMap((pattern) => texts.map((text) => [text, pattern] as const)))(
      '%j with %j',
      (text, pattern) => {
        const expected = byDateFns(text, pattern);
        const result = normaliseTimestamp(text, [pattern]);
        if (expected === undefined) expect(result.ok).toBe(false);
        else expect(result).toEqual({ ok: true, value: expected });
      },
    );
  });
});
