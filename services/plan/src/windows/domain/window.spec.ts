import { ValidationError } from '@crm/kernel';
import { defaultWindow, hasOpened, isLate, isOpen, validateWindow } from './window';

describe('reporting windows', () => {
  it('by default S1 is reported in July and S2 in January of the next year', () => {
    expect(defaultWindow('2020-S1')).toEqual({
      period: '2020-S1',
      opensAt: '2020-07-01T00:00:00.000Z',
      closesAt: '2020-08-01T00:00:00.000Z',
    });
    expect(defaultWindow('2020-S2')).toEqual({
      period: '2020-S2',
      opensAt: '2021-01-01T00:00:00.000Z',
      closesAt: '2021-02-01T00:00:00.000Z',
    });
    expect(defaultWindow('2022-S2').closesAt).toBe('2023-02-01T00:00:00.000Z');
  });

  const w = defaultWindow('2020-S1');
  it.each([
    ['2020-06-30T23:59:59.999Z', false, false, false],
    ['2020-07-01T00:00:00.000Z', true, true, false],
    ['2020-07-31T23:59:59.999Z', true, true, false],
    ['2020-08-01T00:00:00.000Z', true, false, true],
    ['2020-12-01T00:00:00.000Z', true, false, true],
  ])('at %s: opened=%s open=%s late=%s', (at, opened, open, late) => {
    expect(hasOpened(at, w)).toBe(opened);
    expect(isOpen(new Date(at), w)).toBe(open);
    expect(isLate(at, w)).toBe(late);
  });

  it('normalises instants to UTC ISO strings', () => {
    expect(
      validateWindow({
        period: '2020-S1',
        opensAt: '2020-07-01T00:00-06:00',
        closesAt: new Date('2020-08-01T06:00:00Z'),
      }),
    ).toEqual({
      period: '2020-S1',
      opensAt: '2020-07-01T06:00:00.000Z',
      closesAt: '2020-08-01T06:00:00.000Z',
    });
  });

  it.each([
    [
      { period: '2020-S1', opensAt: '2020-08-01T00:00:00Z', closesAt: '2020-08-01T00:00:00Z' },
      'plan.window.closes_before_opening',
    ],
    [
      { period: '2020-S2', opensAt: '2020-06-30T00:00:00Z', closesAt: '2021-02-01T00:00:00Z' },
      'plan.window.opens_before_semester',
    ],
    [{ period: '2020-S1', opensAt: 'July', closesAt: '2020-08-01T00:00:00Z' }, 'plan.window.invalid_instant'],
    [
      { period: '2020-S1', opensAt: '2020-07-01T00:00:00Z', closesAt: '2020-07-32T00:00:00Z' },
      'plan.window.invalid_instant',
    ],
    [
      { period: '2020-S1', opensAt: '2020-07-01T00:00:00Z', closesAt: '2021-02-29T00:00:00Z' },
      'plan.window.invalid_instant',
    ],
    [
      { period: '2020-S1', opensAt: '2020-07-01T00:00:00Z', closesAt: new Date(NaN) },
      'plan.window.invalid_instant',
    ],
    [
      { period: '2030-S3', opensAt: '2030-07-01T00:00:00Z', closesAt: '2030-08-01T00:00:00Z' },
      'plan.period.invalid',
    ],
  ])('refuses %p with %s', (input, code) => {
    let error: unknown;
    try {
      validateWindow(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe(code);
    expect((error as ValidationError).text.es).not.toBe((error as ValidationError).text.en);
  });
});
