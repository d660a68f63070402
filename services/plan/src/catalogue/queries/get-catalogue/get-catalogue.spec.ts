import type { QueryBus } from '@nestjs/cqrs';
import { capturingBus, COORDINATOR, planWorld } from '../../../testing/plan-world';
import { AmendCatalogueCommand } from '../../commands/amend-catalogue/amend-catalogue.command';
import { GetCatalogueController } from './get-catalogue.controller';
import { GetCatalogueQuery } from './get-catalogue.query';

describe('get-catalogue: GetCatalogueQuery on the QueryBus', () => {
  let world: Awaited<ReturnType<typeof planWorld>>;
  beforeEach(async () => {
    world = await planWorld();
    await world.commandBus.execute(
      new AmendCatalogueCommand(COORDINATOR, {
        type: 'retire',
        activityId: 'XVI.2.2.5',
        reason: { es: 'r' },
      }),
    );
  });
  afterEach(() => world.close());

  it('the current catalogue, or as it was at a version', async () => {
    const current = await world.queryBus.execute(new GetCatalogueQuery());
    expect(current).toMatchObject({
      planId: '2017-2022',
      version: 2,
      currentVersion: 2,
      versionLabel: '2017-2022@2',
    });
    expect(Object.keys(current.retired)).toEqual(['XVI.2.2.5']);
    const first = await world.queryBus.execute(new GetCatalogueQuery({ version: 1 }));
    expect(first).toMatchObject({ version: 1, currentVersion: 2, retired: {} });
    expect(first.catalogue.activities).toHaveLength(96);
  });

  it('as it stood at an instant: before the import there was none (404)', async () => {
    const asOf = new Date('2020-07-10T15:00:00.000Z');
    expect(await world.queryBus.execute(new GetCatalogueQuery({ asOf }))).toMatchObject({ version: 2 });
    await expect(
      world.queryBus.execute(new GetCatalogueQuery({ asOf: new Date('2019-01-01T00:00:00Z') })),
    ).rejects.toMatchObject({ code: 'plan.catalogue.not_found' });
  });

  it('refuses version with asOf (400), an unknown version (404) and a plan never imported (404)', async () => {
    await expect(
      world.queryBus.execute(new GetCatalogueQuery({ version: 1, asOf: new Date() })),
    ).rejects.toMatchObject({ code: 'plan.catalogue.version_and_as_of', kind: 'invalid_request' });
    await expect(world.queryBus.execute(new GetCatalogueQuery({ version: 3 }))).rejects.toMatchObject({
      code: 'plan.catalogue.version_not_found',
      details: { version: 3, currentVersion: 2 },
    });
    await expect(
      world.queryBus.execute(new GetCatalogueQuery({ planId: '2023-2027' })),
    ).rejects.toMatchObject({
      code: 'plan.catalogue.not_found',
    });
  });

  it('the controller checks asOf (400 plan.review.invalid_instant) and dispatches what the query string names', async () => {
    const { bus, sent } = capturingBus<QueryBus>();
    const controller = new GetCatalogueController(bus);
    await controller.catalogue({});
    await controller.catalogue({ plan: '2023-2027', version: 2 });
    await controller.catalogue({ asOf: '2020-06-30T23:59:59Z' });
    expect(sent).toEqual([
      new GetCatalogueQuery({}),
      new GetCatalogueQuery({ planId: '2023-2027', version: 2 }),
      new GetCatalogueQuery({ asOf: new Date('2020-06-30T23:59:59Z') }),
    ]);
    expect(() => controller.catalogue({ asOf: '2020-06-30' })).toThrow(
      expect.objectContaining({ code: 'plan.review.invalid_instant' }),
    );
  });
});
