import type { CommandBus } from '@nestjs/cqrs';
import { capturingBus, COORDINATOR, planWorld } from '../../../testing/plan-world';
import { AmendCatalogueCommand } from './amend-catalogue.command';
import { AmendCatalogueController, toAmendment } from './amend-catalogue.controller';

const reason = { es: 'Acuerdo de la Red.' };

describe('amend-catalogue: AmendCatalogueCommand on the CommandBus', () => {
  let world: Awaited<ReturnType<typeof planWorld>>;
  beforeEach(async () => {
    world = await planWorld();
  });
  afterEach(() => world.close());

  it('each amendment is a new catalogue version of the default plan; the summary names the last one', async () => {
    const retired = await world.commandBus.execute(
      new AmendCatalogueCommand(COORDINATOR, { type: 'retire', activityId: 'XVI.2.2.5', reason }),
    );
    expect(retired).toMatchObject({
      planId: '2017-2022',
      version: 2,
      versionLabel: '2017-2022@2',
      retired: ['XVI.2.2.5'],
      lastAmendment: { version: 2, type: 'ActivityRetired', activityId: 'XVI.2.2.5', reason },
      revision: 1,
    });
    const rescheduled = await world.commandBus.execute(
      new AmendCatalogueCommand(
        COORDINATOR,
        { type: 'changeSchedule', activityId: 'I.1.1.1', year: 2021, value: 'Por definir', reason },
        { expectedRevision: 1 },
      ),
    );
    expect(rescheduled).toMatchObject({ version: 3, revision: 2 });
  });

  it('on a stale revision (412) or a plan never imported (409) nothing is stored', async () => {
    await expect(
      world.commandBus.execute(
        new AmendCatalogueCommand(
          COORDINATOR,
          { type: 'retire', activityId: 'XVI.2.2.5', reason },
          { expectedRevision: 3 },
        ),
      ),
    ).rejects.toMatchObject({ code: 'command.stale_revision', details: { expected: 3, actual: 0 } });
    await expect(
      world.commandBus.execute(
        new AmendCatalogueCommand(COORDINATOR, {
          type: 'retire',
          activityId: 'I.1.1.1',
          reason,
          planId: '2023-2027',
        }),
      ),
    ).rejects.toMatchObject({ code: 'catalogue.not_imported', kind: 'conflict' });
    expect(await world.store.readAll()).toHaveLength(1);
  });
});

describe('AmendCatalogueController', () => {
  it('turns each amendment type of the body into its input and passes ?plan=', async () => {
    const activity = { id: 'I.1.1.9' };
    expect(toAmendment({ type: 'add', activity, reason } as never)).toEqual({
      type: 'add',
      activity,
      reason,
    });
    expect(
      toAmendment({ type: 'reword', activityId: 'I.1.1.1', text: { es: 'a', en: 'b' }, reason } as never),
    ).toEqual({ type: 'reword', activityId: 'I.1.1.1', text: { es: 'a', en: 'b' }, reason });
    expect(toAmendment({ type: 'retire', activityId: 'I.1.1.1', reason } as never)).toEqual({
      type: 'retire',
      activityId: 'I.1.1.1',
      reason,
    });
    expect(
      toAmendment({ type: 'changeSchedule', activityId: 'I.1.1.1', year: 2020, reason } as never),
    ).toEqual({
      type: 'changeSchedule',
      activityId: 'I.1.1.1',
      year: 2020,
      value: null,
      reason,
    });
    const { bus, sent } = capturingBus<CommandBus>();
    const body = { type: 'retire', activityId: 'I.1.1.1', reason } as never;
    await new AmendCatalogueController(bus).amend(body, { plan: '2023-2027' }, COORDINATOR, {
      commandId: 'k',
    });
    await new AmendCatalogueController(bus).amend(body, {}, COORDINATOR, {});
    expect(sent).toEqual([
      new AmendCatalogueCommand(
        COORDINATOR,
        { type: 'retire', activityId: 'I.1.1.1', reason, planId: '2023-2027' },
        { commandId: 'k' },
      ),
      new AmendCatalogueCommand(COORDINATOR, { type: 'retire', activityId: 'I.1.1.1', reason }, {}),
    ]);
  });
});
