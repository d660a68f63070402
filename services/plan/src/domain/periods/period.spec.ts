import { PeriodValidationError } from './errors';
import { allPeriods, comparePeriods, formatPeriod, isReportingPeriod, parsePeriod, periodLabel, semesterBounds, tryParsePeriod } from './period';

describe('reporting periods', () => {
  it('parses and formats semesters inside the plan 2017-2022', () => {
    expect(parsePeriod('2020-S1')).toEqual({ year: 2020, semester: 1 });
    expect(parsePeriod('2017-S2')).toEqual({ year: 2017, semester: 2 });
    expect(formatPeriod({ year: 2022, semester: 2 })).toBe('2022-S2');
  });

  it.each(['2016-S2', '2023-S1', '2020-S0', '2020-S3', '2020S1', '20-S1', '2020-s1', ' 2020-S1', '', null, 2020])('rejects %p', (value) => {
    expect(tryParsePeriod(value)).toBeNull();
    expect(isReportingPeriod(value)).toBe(false);
    let error: unknown;
    try {
      parsePeriod(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PeriodValidationError);
    expect((error as PeriodValidationError).code).toBe('plan.period.invalid');
    expect((error as PeriodValidationError).httpStatus).toBe(422);
    expect((error as PeriodValidationError).text.es).toContain('AAAA-S1');
    expect((error as PeriodValidationError).text.en).toContain('YYYY-S1');
  });

  it('labels semesters in the words of the plan', () => {
    expect(periodLabel('2020-S1')).toEqual({ es: 'I Semestre 2020', en: 'First semester 2020' });
    expect(periodLabel('2018-S2')).toEqual({ es: 'II Semestre 2018', en: 'Second semester 2018' });
  });

  it('lists the twelve semesters of the plan in order', () => {
    const periods = allPeriods();
    expect(periods).toHaveLength(12);
    expect(periods[0]).toBe('2017-S1');
    expect(periods[11]).toBe('2022-S2');
    expect([...periods].reverse().sort(comparePeriods)).toEqual(periods);
  });

  it('gives each semester as a half-open UTC interval', () => {
    expect(semesterBounds('2020-S1')).toEqual({ start: new Date('2020-01-01T00:00:00Z'), end: new Date('2020-07-01T00:00:00Z') });
    expect(semesterBounds('2020-S2')).toEqual({ start: new Date('2020-07-01T00:00:00Z'), end: new Date('2021-01-01T00:00:00Z') });
  });
});
