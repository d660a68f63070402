/**
 * The same plan moved `years` later, in the format of the catalogue file: another plan id, its period and
 * schedule years moved. `shiftPlan(plan2017to2022, 6)` is a plan 2023-2028 (trim it for 2023-2027).
 */
export function shiftPlan(catalogue: any, years: number): any {
  const from = catalogue.period.from + years;
  const to = catalogue.period.to + years;
  return {
    ...catalogue,
    planId: `${from}-${to}`,
    period: { from, to },
    scheduleYears: catalogue.scheduleYears.map((y: number) => y + years),
    activities: catalogue.activities.map((a: any) => ({
      ...a,
      schedule: Object.fromEntries(
        Object.entries(a.schedule).map(([y, v]) => [String(Number(y) + years), v]),
      ),
    })),
  };
}
