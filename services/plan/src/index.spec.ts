import * as plan from './index';

describe('@crm/plan public exports (used by tests/bench/plan.ts and the e2e suites)', () => {
  it('exposes the read models, the reviews, periods and statuses as working values', () => {
    expect(plan.READ_SCHEMA).toBe('plan_read');
    expect(typeof plan.PlanReadModels).toBe('function');
    expect(typeof plan.ReadModelsModule).toBe('function');
    expect(plan.dashboardProjection.name).toBe(plan.DASHBOARD_PROJECTION);
    expect(typeof plan.PlanReview).toBe('function');
    expect(typeof plan.ReviewModule).toBe('function');
    expect(typeof plan.catalogueAsOf).toBe('function');
    expect(plan.countryStateAsOf([], '2020-06-30T23:59:59Z', { country: 'HN' }).reports).toEqual([]);
    expect(plan.accountabilityHistory([])).toEqual([]);
    expect(plan.planPeriods({ from: 2017, to: 2022 })).toContain('2020-S1');
    expect(
      plan.planOfPeriod('2024-S1', [
        { planId: '2017-2022', from: 2017, to: 2022 },
        { planId: '2023-2027', from: 2023, to: 2027 },
      ]).planId,
    ).toBe('2023-2027');
    expect(plan.defaultWindow('2020-S1').closesAt).toBeDefined();
    expect(plan.IMPLEMENTATION_STATUSES).toContain('completed');
  });
});
