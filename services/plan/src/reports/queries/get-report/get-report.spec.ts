import type { QueryBus } from '@nestjs/cqrs';
import { capturingBus, HN_OFFICER, planWorld } from '../../../testing/plan-world';
import { SaveDraftCommand } from '../../commands/save-draft/save-draft.command';
import { GetReportController } from './get-report.controller';
import { GetReportQuery } from './get-report.query';

const REPORT = { country: 'HN', activityId: 'I.1.1.1', period: '2020-S1' };

describe('get-report: GetReportQuery on the QueryBus', () => {
  let world: Awaited<ReturnType<typeof planWorld>>;
  beforeEach(async () => {
    world = await planWorld();
  });
  afterEach(() => world.close());

  it('answers the fold of the report stream, with the revision to send as If-Match', async () => {
    const content = { status: 'in_progress' as const, narrative: { es: 'Avance.' } };
    const saved = await world.commandBus.execute(new SaveDraftCommand(HN_OFFICER, { ...REPORT, content }));
    const read = await world.queryBus.execute(new GetReportQuery(REPORT));
    expect(read).toEqual(saved);
    expect(read).toMatchObject({ stream: 'planReport-HN-I.1.1.1-2020-S1', revision: 0, workflow: 'draft' });
  });

  it('404 before the first draft, 404 for an activity outside the plan, 422 for a period outside every plan', async () => {
    await expect(world.queryBus.execute(new GetReportQuery(REPORT))).rejects.toMatchObject({
      code: 'plan.report.not_found',
      kind: 'not_found',
    });
    await expect(
      world.queryBus.execute(new GetReportQuery({ ...REPORT, activityId: 'IX.9.9.9' })),
    ).rejects.toMatchObject({ code: 'plan.activity.not_found' });
    await expect(
      world.queryBus.execute(new GetReportQuery({ ...REPORT, period: '2031-S1' })),
    ).rejects.toMatchObject({ code: 'plan.period.outside_plans' });
  });

  it('the controller dispatches GetReportQuery for the path', async () => {
    const { bus, sent } = capturingBus<QueryBus>();
    await new GetReportController(bus).report(REPORT as never, {});
    expect(sent).toEqual([new GetReportQuery(REPORT)]);
  });
});
