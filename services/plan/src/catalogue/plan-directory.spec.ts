import { handleCommand } from '@crm/decider';
import { catalogueDecider, catalogueStreamId, type PlanCatalogue } from './domain';
import { COORDINATOR, HN_OFFICER, planWorld } from '../testing/plan-world';
import { PlanDirectory, planDirectory } from './plan-directory';
import { ImportCatalogueCommand } from './commands/import-catalogue/import-catalogue.command';
import { SaveDraftCommand } from '../reports/commands/save-draft/save-draft.command';
import { SubmitReportCommand } from '../reports/commands/submit-report/submit-report.command';

const DRAFT = { status: 'in_progress' as const, narrative: { es: 'Avance.' } };

/** The 2017-2022 catalogue moved to 2023-2027 (same activity ids, schedule columns moved). */
function later(catalogue: PlanCatalogue): PlanCatalogue {
  return {
    ...catalogue,
    planId: '2023-2027',
    period: { from: 2023, to: 2027 },
    scheduleYears: catalogue.scheduleYears.map((y) => y + 6),
    activities: catalogue.activities.map((a) => ({
      ...a,
      schedule: Object.fromEntries(Object.entries(a.schedule).map(([y, v]) => [String(Number(y) + 6), v])),
    })),
  };
}

describe('PlanDirectory (the imported plans and their years)', () => {
  it('lists the imported plans from the CatalogueImported events and caches them per store', async () => {
    const { store } = await planWorld();
    const directory = planDirectory(store);
    expect(planDirectory(store)).toBe(directory);
    expect(await directory.plans()).toEqual([{ planId: '2017-2022', from: 2017, to: 2022 }]);
    expect(await directory.planOf('2022-S2')).toEqual({ planId: '2017-2022', from: 2017, to: 2022 });
    await expect(directory.planOf('2024-S1')).rejects.toMatchObject({
      code: 'plan.period.outside_plans',
      kind: 'validation',
    });
  });

  it('re-reads on a miss, so a plan imported by another instance is found on first use', async () => {
    const { store, clock } = await planWorld();
    const cached = planDirectory(store);
    await cached.plans();
    const first = (await store.readStream(catalogueStreamId('2017-2022')))[0]!.data as {
      catalogue: PlanCatalogue;
    };
    // written straight to the store, as another replica would (this instance's cache is not told)
    await handleCommand({
      store,
      decider: catalogueDecider,
      streamName: catalogueStreamId('2023-2027'),
      command: {
        type: 'ImportCatalogue',
        catalogue: later(first.catalogue),
        reason: { es: 'Plan siguiente.' },
      },
      context: {
        envelope: {
          commandId: 'other',
          actor: { subject: 'st', role: 'secretariat_coordinator', country: 'ST', institution: 'ST-CRM' },
          countries: [],
          correlationId: 'c',
        },
        clock,
      },
    });
    expect((await cached.planOf('2024-S1')).planId).toBe('2023-2027');
    expect((await new PlanDirectory(store).plans()).map((p) => p.planId)).toEqual(['2017-2022', '2023-2027']);
  });

  it("makes a report on the later plan's catalogue, refuses an overlapping import and a period outside both plans", async () => {
    const { store, commandBus } = await planWorld('2024-07-10T12:00:00.000Z');
    const first = (await store.readStream(catalogueStreamId('2017-2022')))[0]!.data as {
      catalogue: PlanCatalogue;
    };
    await expect(
      commandBus.execute(
        new ImportCatalogueCommand(COORDINATOR, {
          catalogue: { ...later(first.catalogue), planId: '2021-2027', period: { from: 2021, to: 2027 } },
        }),
      ),
    ).rejects.toMatchObject({
      code: 'catalogue.period_overlap',
      kind: 'conflict',
    });
    await commandBus.execute(new ImportCatalogueCommand(COORDINATOR, { catalogue: later(first.catalogue) }));
    const view = await commandBus.execute(
      new SaveDraftCommand(HN_OFFICER, {
        country: 'HN',
        activityId: 'I.1.1.1',
        period: '2024-S1',
        content: DRAFT,
      }),
    );
    expect(view.catalogueVersion).toBe('2023-2027@1');
    expect(
      (
        await commandBus.execute(
          new SubmitReportCommand(HN_OFFICER, { country: 'HN', activityId: 'I.1.1.1', period: '2024-S1' }),
        )
      ).late,
    ).toBe(false);
    await expect(
      commandBus.execute(
        new SaveDraftCommand(HN_OFFICER, {
          country: 'HN',
          activityId: 'I.1.1.1',
          period: '2028-S1',
          content: DRAFT,
        }),
      ),
    ).rejects.toMatchObject({
      code: 'plan.period.outside_plans',
      kind: 'validation',
      details: { period: '2028-S1', plans: ['2017-2022', '2023-2027'] },
    });
    expect(await store.readStream('planReport-HN-I.1.1.1-2028-S1')).toEqual([]);
  });
});
