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

  it('exposes one command class per use case and one query class per read, for the CommandBus and QueryBus', () => {
    const principal = { subject: 's', country: 'HN' as const, institution: 'i', roles: [] };
    const commands = [
      new plan.SaveDraftCommand(principal, {
        country: 'HN',
        activityId: 'I.1.1.1',
        period: '2020-S1',
      } as never),
      new plan.SubmitReportCommand(principal, { country: 'HN', activityId: 'I.1.1.1', period: '2020-S1' }),
      new plan.ApproveReportCommand(principal, { country: 'HN', activityId: 'I.1.1.1', period: '2020-S1' }),
      new plan.ReturnReportCommand(principal, {} as never),
      new plan.ReopenReportCommand(principal, {} as never),
      new plan.ScheduleWindowCommand(principal, {} as never),
      new plan.AmendCatalogueCommand(principal, {} as never),
      new plan.ImportCatalogueCommand(principal, { catalogue: {} }, { expectedRevision: -1 }),
    ];
    for (const command of commands) expect(command).toBeInstanceOf(plan.ServiceCommand);
    expect(commands[0].options).toEqual({});
    expect(commands[7].options).toEqual({ expectedRevision: -1 });
    expect(
      new plan.GetReportQuery({ country: 'HN', activityId: 'I.1.1.1', period: '2020-S1' }).report.period,
    ).toBe('2020-S1');
    expect(new plan.GetCatalogueQuery().at).toEqual({});
    expect(new plan.GetCatalogueHistoryQuery('2023-2027').planId).toBe('2023-2027');
    expect(new plan.GetWindowQuery('2020-S1').period).toBe('2020-S1');
    expect(typeof plan.PlanModule).toBe('function');
  });
});
