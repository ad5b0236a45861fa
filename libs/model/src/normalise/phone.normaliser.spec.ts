import { ModelError, ModelErrorCode, ValidationCode } from './normalise-result';
import { isPhoneRegion, normalisePhone } from './phone.normaliser';

describe('normalisePhone', () => {
  it.each([
    ['070-123 45 67', 'SE', '+46701234567'],
    ['+46 (0)8 123 456 78', 'DE', '+46812345678'],
    ['0046 70 123 45 67', 'SE', '+46701234567'],
    ['030 12345678', 'DE', '+493012345678'],
    ['(212) 555-0123', 'us', '+12125550123'],
    ['+44 20 7946 0958', 'SE', '+442079460958'],
  ])('reads %j in region %s as %s', (input, region, expected) => {
    expect(normalisePhone(input, region)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['12', 'SE', ValidationCode.INVALID_PHONE],
    ['not a number', 'SE', ValidationCode.INVALID_PHONE],
    ['(555) 123-4567', 'SE', ValidationCode.INVALID_PHONE],
    ['+46 70 123', 'SE', ValidationCode.INVALID_PHONE],
    ['', 'SE', ValidationCode.MISSING_REQUIRED],
  ])('refuses %j in region %s with %s', (input, region, code) => {
    expect(normalisePhone(input, region)).toMatchObject({ ok: false, code });
  });

  it('throws a coded error for a default region libphonenumber does not know', () => {
    let thrown: unknown;
    try {
      normalisePhone('070-123 45 67', 'XX');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ModelError);
    expect(thrown).toMatchObject({ code: ModelErrorCode.INVALID_DEFAULT_REGION });
  });

  it.each([
    ['SE', true],
    ['gb', true],
    ['XX', false],
    ['', false],
  ])('isPhoneRegion(%j) is %s', (region, expected) => {
    expect(isPhoneRegion(region)).toBe(expected);
  });
});
