import type { QueryBus } from '@nestjs/cqrs';
import { capturingBus, COORDINATOR, planWorld } from '../../../testing/plan-world';
import { AmendCatalogueCommand } from '../../commands/amend-catalogue/amend-catalogue.command';
import { GetCatalogueHistoryController } from './get-catalogue-history.controller';
import { GetCatalogueHistoryQuery } from './get-catalogue-history.query';

describe('get-catalogue-history: GetCatalogueHistoryQuery on the QueryBus', () => {
  let world: Awaited<ReturnType<typeof planWorld>>;
  beforeEach(async () => {
    world = await planWorld();
  });
  afterEach(() => world.close());

  it('lists the import and every amendment, with reason, author and change, by version', async () => {
    const reason = { en: 'To be defined again.' };
    await world.commandBus.execute(
      new AmendCatalogueCommand(COORDINATOR, {
        type: 'changeSchedule',
        activityId: 'I.1.1.1',
        year: 2021,
        value: 'Por definir',
        reason,
      }),
    );
    const history = await world.queryBus.execute(new GetCatalogueHistoryQuery());
    expect(history.planId).toBe('2017-2022');
    expect(history.currentVersion).toBe(2);
    expect(history.versions.map((v) => [v.version, v.versionLabel, v.type, v.activityId])).toEqual([
      [1, '2017-2022@1', 'CatalogueImported', null],
      [2, '2017-2022@2', 'ScheduleChanged', 'I.1.1.1'],
    ]);
    expect(history.versions[1]).toMatchObject({ reason, by: COORDINATOR.subject, change: { year: 2021 } });
  });

  it('404 for a plan never imported; the controller passes ?plan=', async () => {
    await expect(world.queryBus.execute(new GetCatalogueHistoryQuery('2023-2027'))).rejects.toMatchObject({
      code: 'plan.catalogue.not_found',
      details: { planId: '2023-2027' },
    });
    const { bus, sent } = capturingBus<QueryBus>();
    await new GetCatalogueHistoryController(bus).history({ plan: '2023-2027' });
    expect(sent).toEqual([new GetCatalogueHistoryQuery('2023-2027')]);
  });
});
