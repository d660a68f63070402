import type { CommandBus } from '@nestjs/cqrs';
import { ForbiddenError } from '@crm/auth';
import {
  capturingBus,
  COORDINATOR,
  HN_OFFICER,
  planWorld,
  draftAndSubmit,
} from '../../../testing/plan-world';
import { ApproveReportCommand } from './approve-report.command';
import { ApproveReportController } from './approve-report.controller';

const REPORT = { country: 'HN', activityId: 'I.1.1.1', period: '2020-S1' };

describe('approve-report: ApproveReportCommand on the CommandBus', () => {
  let world: Awaited<ReturnType<typeof planWorld>>;
  beforeEach(async () => {
    world = await planWorld();
    await draftAndSubmit(world.commandBus, REPORT);
  });
  afterEach(() => world.close());

  it('the Secretariat coordinator approves: version 1 is kept with its comments', async () => {
    const view = await world.commandBus.execute(
      new ApproveReportCommand(COORDINATOR, { ...REPORT, comments: { es: 'Bien.' } }),
    );
    expect(view).toMatchObject({ workflow: 'approved', revision: 2, allowedActions: ['ReopenReport'] });
    expect(view.versions).toEqual([
      expect.objectContaining({ version: 1, approvedBy: COORDINATOR.subject, comments: { es: 'Bien.' } }),
    ]);
  });

  it('a country officer may not approve (403, audited as ApproveReportCommand); nothing is stored', async () => {
    await expect(
      world.commandBus.execute(new ApproveReportCommand(HN_OFFICER, REPORT)),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(world.audit.entries.map((e) => e.resource.path)).toEqual(['ApproveReportCommand']);
    expect(await world.store.readStream('planReport-HN-I.1.1.1-2020-S1')).toHaveLength(2);
  });
});

describe('ApproveReportController', () => {
  it('passes the comments only when the body has them', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    const controller = new ApproveReportController(bus);
    await controller.approve(REPORT as never, {}, COORDINATOR, {});
    await controller.approve(REPORT as never, { comments: { en: 'Fine.' } }, COORDINATOR, {
      expectedRevision: 1,
    });
    expect(sent).toEqual([
      new ApproveReportCommand(COORDINATOR, REPORT, {}),
      new ApproveReportCommand(
        COORDINATOR,
        { ...REPORT, comments: { en: 'Fine.' } },
        { expectedRevision: 1 },
      ),
    ]);
  });
});
