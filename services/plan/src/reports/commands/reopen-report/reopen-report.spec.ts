import type { CommandBus } from '@nestjs/cqrs';
import { capturingBus, COORDINATOR, planWorld, draftAndSubmit } from '../../../testing/plan-world';
import { ApproveReportCommand } from '../approve-report/approve-report.command';
import { ReopenReportCommand } from './reopen-report.command';
import { ReopenReportController } from './reopen-report.controller';

const REPORT = { country: 'HN', activityId: 'I.1.1.1', period: '2020-S1' };
const REASON = { en: 'Figures corrected by the ministry.' };

describe('reopen-report: ReopenReportCommand on the CommandBus', () => {
  let world: Awaited<ReturnType<typeof planWorld>>;
  beforeEach(async () => {
    world = await planWorld();
    await draftAndSubmit(world.commandBus, REPORT);
  });
  afterEach(() => world.close());

  it('reopens an approved report as a draft changed after approval; the approved version is kept', async () => {
    await world.commandBus.execute(new ApproveReportCommand(COORDINATOR, REPORT));
    const view = await world.commandBus.execute(
      new ReopenReportCommand(COORDINATOR, { ...REPORT, reason: REASON }),
    );
    expect(view).toMatchObject({
      workflow: 'draft',
      changedAfterApproval: true,
      reopenReason: REASON,
      versions: [expect.objectContaining({ version: 1 })],
    });
  });

  it('refuses a report that is not approved (409) and a reopen without a reason (422)', async () => {
    await expect(
      world.commandBus.execute(new ReopenReportCommand(COORDINATOR, { ...REPORT, reason: REASON })),
    ).rejects.toMatchObject({ code: 'plan.report.invalid_transition' });
    await world.commandBus.execute(new ApproveReportCommand(COORDINATOR, REPORT));
    await expect(
      world.commandBus.execute(new ReopenReportCommand(COORDINATOR, { ...REPORT, reason: {} })),
    ).rejects.toMatchObject({ code: 'plan.report.reason_required' });
  });
});

describe('ReopenReportController', () => {
  it('dispatches ReopenReportCommand with the reason of the body', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    await new ReopenReportController(bus).reopen(REPORT as never, { reason: REASON }, COORDINATOR, {});
    expect(sent).toEqual([new ReopenReportCommand(COORDINATOR, { ...REPORT, reason: REASON }, {})]);
  });
});
