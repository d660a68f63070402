import type { CommandBus } from '@nestjs/cqrs';
import { capturingBus, COORDINATOR, HN_OFFICER, planWorld } from '../../../testing/plan-world';
import { ScheduleWindowCommand } from './schedule-window.command';
import { ScheduleWindowController } from './schedule-window.controller';

const WINDOW = { period: '2020-S2', opensAt: '2021-01-01T00:00:00Z', closesAt: '2021-02-15T00:00:00Z' };

describe('schedule-window: ScheduleWindowCommand on the CommandBus', () => {
  let world: Awaited<ReturnType<typeof planWorld>>;
  beforeEach(async () => {
    world = await planWorld();
  });
  afterEach(() => world.close());

  const schedule = (input: object, options = {}) =>
    world.commandBus.execute(new ScheduleWindowCommand(COORDINATOR, { ...WINDOW, ...input }, options));

  it('the first call schedules the window, later calls move it and need a reason', async () => {
    expect(await schedule({})).toEqual({
      period: '2020-S2',
      window: {
        period: '2020-S2',
        opensAt: '2021-01-01T00:00:00.000Z',
        closesAt: '2021-02-15T00:00:00.000Z',
      },
      scheduled: true,
      changes: 0,
      revision: 0,
    });
    await expect(schedule({ closesAt: '2021-03-01T00:00:00Z' })).rejects.toMatchObject({
      code: 'plan.window.reason_required',
    });
    const moved = await schedule(
      { closesAt: '2021-03-01T00:00:00Z', reason: { es: 'Reunión de la Red en febrero.' } },
      { expectedRevision: 0 },
    );
    expect(moved).toMatchObject({
      changes: 1,
      revision: 1,
      window: { closesAt: '2021-03-01T00:00:00.000Z' },
    });
    const events = await world.store.readStream('planWindows-2020-S2');
    expect(events.map((e) => e.type)).toEqual(['WindowScheduled', 'WindowChanged']);
  });

  it('refuses a semester of no imported plan (422), a stale revision (412) and a country officer (403)', async () => {
    await expect(schedule({ period: '2031-S1' })).rejects.toMatchObject({
      code: 'plan.period.outside_plans',
    });
    await expect(schedule({}, { expectedRevision: 0 })).rejects.toMatchObject({
      code: 'command.stale_revision',
      details: { expected: 0, actual: -1 },
    });
    await expect(
      world.commandBus.execute(new ScheduleWindowCommand(HN_OFFICER, WINDOW)),
    ).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect(await world.store.readStream('planWindows-2020-S2')).toEqual([]);
  });
});

describe('ScheduleWindowController', () => {
  it('dispatches ScheduleWindowCommand with the path period, the instants and the reason when given', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    const controller = new ScheduleWindowController(bus);
    const body = { opensAt: WINDOW.opensAt, closesAt: WINDOW.closesAt };
    await controller.schedule({ period: '2020-S2' }, body, COORDINATOR, {});
    await controller.schedule({ period: '2020-S2' }, { ...body, reason: { en: 'r' } }, COORDINATOR, {});
    expect(sent).toEqual([
      new ScheduleWindowCommand(COORDINATOR, WINDOW, {}),
      new ScheduleWindowCommand(COORDINATOR, { ...WINDOW, reason: { en: 'r' } }, {}),
    ]);
  });
});
