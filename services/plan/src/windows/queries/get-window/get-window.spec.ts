import type { QueryBus } from '@nestjs/cqrs';
import { capturingBus, COORDINATOR, planWorld } from '../../../testing/plan-world';
import { ScheduleWindowCommand } from '../../commands/schedule-window/schedule-window.command';
import { GetWindowController } from './get-window.controller';
import { GetWindowQuery } from './get-window.query';

describe('get-window: GetWindowQuery on the QueryBus', () => {
  let world: Awaited<ReturnType<typeof planWorld>>;
  beforeEach(async () => {
    world = await planWorld('2020-07-10T15:00:00.000Z');
  });
  afterEach(() => world.close());

  it('the default rule until the Secretariat schedules a window, open or not at the service clock', async () => {
    expect(await world.queryBus.execute(new GetWindowQuery('2020-S1'))).toEqual({
      period: '2020-S1',
      window: {
        period: '2020-S1',
        opensAt: '2020-07-01T00:00:00.000Z',
        closesAt: '2020-08-01T00:00:00.000Z',
      },
      scheduled: false,
      changes: 0,
      revision: -1,
      open: true,
    });
    await world.commandBus.execute(
      new ScheduleWindowCommand(COORDINATOR, {
        period: '2020-S1',
        opensAt: '2020-07-15T00:00:00Z',
        closesAt: '2020-08-15T00:00:00Z',
      }),
    );
    expect(await world.queryBus.execute(new GetWindowQuery('2020-S1'))).toMatchObject({
      scheduled: true,
      revision: 0,
      open: false,
    });
  });

  it('refuses a malformed period and a semester of no imported plan (422)', async () => {
    await expect(world.queryBus.execute(new GetWindowQuery('2020-S3'))).rejects.toMatchObject({
      kind: 'validation',
    });
    await expect(world.queryBus.execute(new GetWindowQuery('2031-S1'))).rejects.toMatchObject({
      code: 'plan.period.outside_plans',
    });
  });

  it('the controller dispatches GetWindowQuery for the path period', async () => {
    const { bus, sent } = capturingBus<QueryBus>();
    await new GetWindowController(bus).window({ period: '2020-S1' }, {});
    expect(sent).toEqual([new GetWindowQuery('2020-S1')]);
  });
});
