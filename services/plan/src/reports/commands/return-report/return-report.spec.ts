import type { CommandBus } from '@nestjs/cqrs';
import { capturingBus, COORDINATOR, planWorld, draftAndSubmit } from '../../../testing/plan-world';
import { ReturnReportCommand } from './return-report.command';
import { ReturnReportController } from './return-report.controller';

const REPORT = { country: 'HN', activityId: 'I.1.1.1', period: '2020-S1' };

describe('return-report: ReturnReportCommand on the CommandBus', () => {
  let world: Awaited<ReturnType<typeof planWorld>>;
  beforeEach(async () => {
    world = await planWorld();
    await draftAndSubmit(world.commandBus, REPORT);
  });
  afterEach(() => world.close());

  it('returns the submitted report with the comments; the country may save and submit it again', async () => {
    const view = await world.commandBus.execute(
      new ReturnReportCommand(COORDINATOR, {
        ...REPORT,
        comments: { es: 'Adjunte la lista de asistencia.' },
      }),
    );
    expect(view).toMatchObject({
      workflow: 'returned',
      returnComments: { es: 'Adjunte la lista de asistencia.' },
      allowedActions: ['SaveDraft', 'SubmitReport'],
    });
  });

  it('refuses blank comments (422) and a second return (409)', async () => {
    await expect(
      world.commandBus.execute(new ReturnReportCommand(COORDINATOR, { ...REPORT, comments: { es: ' ' } })),
    ).rejects.toMatchObject({ code: 'plan.report.comments_required', kind: 'validation' });
    await world.commandBus.execute(
      new ReturnReportCommand(COORDINATOR, { ...REPORT, comments: { en: 'No.' } }),
    );
    await expect(
      world.commandBus.execute(new ReturnReportCommand(COORDINATOR, { ...REPORT, comments: { en: 'No.' } })),
    ).rejects.toMatchObject({ code: 'plan.report.invalid_transition', kind: 'conflict' });
  });
});

describe('ReturnReportController', () => {
  it('dispatches ReturnReportCommand with the comments of the body', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    await new ReturnReportController(bus).returnReport(
      REPORT as never,
      { comments: { es: 'x' } },
      COORDINATOR,
      {},
    );
    expect(sent).toEqual([new ReturnReportCommand(COORDINATOR, { ...REPORT, comments: { es: 'x' } }, {})]);
  });
});
