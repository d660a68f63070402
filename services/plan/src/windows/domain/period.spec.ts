import { ValidationError, ConflictError } from '@crm/kernel';
import { overlappingPlan, planCovers, planOfPeriod, type PlanYears } from './plan-years';
import {
  comparePeriods,
  formatPeriod,
  planPeriods,
  isReportingPeriod,
  parsePeriod,
  periodLabel,
  semesterBounds,
  tryParsePeriod,
} from './period';

describe('reporting periods', () => {
  it('parses and formats semesters of any plan (the form only: which plan has them is planOfPeriod)', () => {
    expect(parsePeriod('2024-S1')).toEqual({ year: 2024, semester: 1 });
    expect(parsePeriod('2020-S1')).toEqual({ year: 2020, semester: 1 });
    expect(parsePeriod('2017-S2')).toEqual({ year: 2017, semester: 2 });
    expect(formatPeriod({ year: 2022, semester: 2 })).toBe('2022-S2');
  });

  it.each(['0999-S1', '2020-S0', '2020-S3', '2020S1', '20-S1', '2020-s1', ' 2020-S1', '', null, 2020])(
    'rejects %p',
    (value) => {
      expect(tryParsePeriod(value)).toBeNull();
      expect(isReportingPeriod(value)).toBe(false);
      let error: unknown;
      try {
        parsePeriod(value);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).code).toBe('plan.period.invalid');
      expect((error as ValidationError).kind).toBe('validation');
      expect((error as ValidationError).text.es).toContain('AAAA-S1');
      expect((error as ValidationError).text.en).toContain('YYYY-S1');
    },
  );

  it('labels semesters in the words of the plan', () => {
    expect(periodLabel('2020-S1')).toEqual({ es: 'I Semestre 2020', en: 'First semester 2020' });
    expect(periodLabel('2018-S2')).toEqual({ es: 'II Semestre 2018', en: 'Second semester 2018' });
  });

  it('lists the twelve semesters of the plan 2017-2022 in order, and those of any plan from its years', () => {
    expect(planPeriods({ from: 2023, to: 2027 })).toEqual([
      '2023-S1',
      '2023-S2',
      '2024-S1',
      '2024-S2',
      '2025-S1',
      '2025-S2',
      '2026-S1',
      '2026-S2',
      '2027-S1',
      '2027-S2',
    ]);
    const periods = planPeriods({ from: 2017, to: 2022 });
    expect(periods).toHaveLength(12);
    expect(periods[0]).toBe('2017-S1');
    expect(periods[11]).toBe('2022-S2');
    expect([...periods].reverse().sort(comparePeriods)).toEqual(periods);
  });

  it('gives each semester as a half-open UTC interval', () => {
    expect(semesterBounds('2020-S1')).toEqual({
      start: new Date('2020-01-01T00:00:00Z'),
      end: new Date('2020-07-01T00:00:00Z'),
    });
    expect(semesterBounds('2020-S2')).toEqual({
      start: new Date('2020-07-01T00:00:00Z'),
      end: new Date('2021-01-01T00:00:00Z'),
    });
  });
});

describe("the plan of a period (the imported plans' own years)", () => {
  const first: PlanYears = { planId: '2017-2022', from: 2017, to: 2022 };
  const later: PlanYears = { planId: '2023-2027', from: 2023, to: 2027 };

  it('is the one imported plan whose years contain the period', () => {
    expect(planOfPeriod('2022-S2', [first, later])).toBe(first);
    expect(planOfPeriod('2024-S1', [first, later])).toBe(later);
    expect(planCovers(later, '2027-S2')).toBe(true);
    expect(planCovers(later, '2028-S1')).toBe(false);
  });

  it.each([
    ['2030-S1', [first, later], 'plans: 2017-2022, 2023-2027'],
    ['2016-S2', [first], 'plans: 2017-2022'],
    ['2020-S1', [], 'no plan has been imported'],
  ] as const)(
    'refuses %s outside every imported plan with a 422 in es/en naming the plans',
    (period, plans, names) => {
      let error: unknown;
      try {
        planOfPeriod(period, plans);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({
        code: 'plan.period.outside_plans',
        kind: 'validation',
        details: { period, plans: plans.map((p) => p.planId) },
      });
      const text = (error as ValidationError).text;
      expect(text.en).toContain(names);
      expect(text.es).toContain(period);
      expect(text.es).not.toBe(text.en);
    },
  );

  it('finds overlapping plans (an import is refused then), and two plans covering a period are a 409', () => {
    expect(overlappingPlan({ planId: '2022-2026', from: 2022, to: 2026 }, [first, later])).toBe(first);
    expect(overlappingPlan(later, [first, later])).toBeUndefined();
    expect(overlappingPlan({ planId: '2028-2032', from: 2028, to: 2032 }, [first, later])).toBeUndefined();
    expect(() => planOfPeriod('2022-S1', [first, { planId: '2022-2026', from: 2022, to: 2026 }])).toThrow(
      ConflictError,
    );
  });
});
