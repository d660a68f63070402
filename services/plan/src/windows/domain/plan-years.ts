import { ValidationError, ConflictError } from '@crm/kernel';
import { formatPeriod, parsePeriod, type ReportingPeriod } from './period';

/**
 * The years of an imported plan (its catalogue's `period`), e.g. `{ planId: '2017-2022', from: 2017, to: 2022 }`.
 * A plan's reporting periods are the semesters of these years; a report, a window or a dashboard of a period
 * belongs to the one imported plan whose years contain the period (imports of overlapping plans are refused).
 */
export interface PlanYears {
  planId: string;
  from: number;
  to: number;
}

export function planYearsOf(catalogue: { planId: string; period: { from: number; to: number } }): PlanYears {
  return { planId: catalogue.planId, from: catalogue.period.from, to: catalogue.period.to };
}

export function planCovers(plan: PlanYears, period: ReportingPeriod): boolean {
  const { year } = parsePeriod(period);
  return year >= plan.from && year <= plan.to;
}

/** "2017-S1 a 2022-S2" / "2017-S1 to 2022-S2". */
function span(plan: PlanYears): { es: string; en: string } {
  const first = formatPeriod({ year: plan.from, semester: 1 });
  const last = formatPeriod({ year: plan.to, semester: 2 });
  return { es: `${first} a ${last}`, en: `${first} to ${last}` };
}

/** 422: no imported plan has the period's year. */
export function periodOutsidePlans(period: ReportingPeriod, plans: readonly PlanYears[]): ValidationError {
  const list = plans.map((p) => p.planId).join(', ');
  return new ValidationError(
    'plan.period.outside_plans',
    {
      es: `El período ${period} no pertenece a ningún plan importado (${list ? `planes: ${list}` : 'no hay ningún plan importado'}); solo se informa sobre los semestres de un plan importado.`,
      en: `Period ${period} belongs to no imported plan (${list ? `plans: ${list}` : 'no plan has been imported'}); reports are made only on the semesters of an imported plan.`,
    },
    { period, plans: plans.map((p) => p.planId) },
  );
}

/** 422: the period is not one of the named plan's semesters. */
export function periodOutsidePlan(period: ReportingPeriod, plan: PlanYears): ValidationError {
  const s = span(plan);
  return new ValidationError(
    'plan.period.outside_plan',
    {
      es: `El período ${period} no pertenece al plan ${plan.planId} (semestres ${s.es}).`,
      en: `Period ${period} is not part of plan ${plan.planId} (semesters ${s.en}).`,
    },
    {
      period,
      planId: plan.planId,
      first: formatPeriod({ year: plan.from, semester: 1 }),
      last: formatPeriod({ year: plan.to, semester: 2 }),
    },
  );
}

/** The plan among `plans` whose years contain the period; 422 `plan.period.outside_plans` when none does. */
export function planOfPeriod(period: ReportingPeriod, plans: readonly PlanYears[]): PlanYears {
  const covering = plans.filter((p) => planCovers(p, period));
  if (covering.length === 0) throw periodOutsidePlans(period, plans);
  if (covering.length > 1) {
    const list = covering.map((p) => p.planId).join(', ');
    throw new ConflictError(
      'plan.period.ambiguous',
      {
        es: `El período ${period} pertenece a más de un plan importado (${list}); la Secretaría Técnica debe resolver el solapamiento.`,
        en: `Period ${period} belongs to more than one imported plan (${list}); the Technical Secretariat must resolve the overlap.`,
      },
      { period, plans: covering.map((p) => p.planId) },
    );
  }
  return covering[0] as PlanYears;
}

/** An imported plan (other than the candidate itself) sharing a year with the candidate, if any. */
export function overlappingPlan(candidate: PlanYears, plans: readonly PlanYears[]): PlanYears | undefined {
  return plans.find((p) => p.planId !== candidate.planId && p.from <= candidate.to && candidate.from <= p.to);
}
