import type { CommandBus } from '@nestjs/cqrs';
import { capturingBus, COORDINATOR, HN_OFFICER, planWorld } from '../../../testing/plan-world';
import { ScheduleWindowCommand } from '../../../windows/commands/schedule-window/schedule-window.command';
import { SaveDraftCommand } from '../save-draft/save-draft.command';
import { SubmitReportCommand } from './submit-report.command';
import { SubmitReportController } from './submit-report.controller';

const REPORT = { country: 'HN', activityId: 'I.1.1.1', period: '2020-S1' };
const CONTENT = { status: 'in_progress' as const, narrative: { es: 'Dos talleres.' } };

describe('submit-report: SubmitReportCommand on the CommandBus', () => {
  let world: Awaited<ReturnType<typeof planWorld>>;
  afterEach(() => world.close());

  async function drafted(now: string) {
    world = await planWorld(now);
    await world.commandBus.execute(new SaveDraftCommand(HN_OFFICER, { ...REPORT, content: CONTENT }));
  }
  const submit = (options = {}) =>
    world.commandBus.execute(new SubmitReportCommand(HN_OFFICER, REPORT, options));

  it('submits the draft on time inside the default window (July after the semester)', async () => {
    await drafted('2020-07-10T15:00:00.000Z');
    const view = await submit();
    expect(view).toMatchObject({ workflow: 'submitted', late: false, revision: 1 });
    expect(view.submission?.window).toEqual({
      period: '2020-S1',
      opensAt: '2020-07-01T00:00:00.000Z',
      closesAt: '2020-08-01T00:00:00.000Z',
    });
  });

  it('is judged against the window the Secretariat scheduled, when there is one', async () => {
    await drafted('2020-08-10T00:00:00.000Z');
    await world.commandBus.execute(
      new ScheduleWindowCommand(COORDINATOR, {
        period: '2020-S1',
        opensAt: '2020-07-01T00:00:00Z',
        closesAt: '2020-08-15T00:00:00Z',
      }),
    );
    expect((await submit()).late).toBe(false);
  });

  it('is refused before the window opens (409) and on a stale revision (412), storing nothing', async () => {
    await drafted('2020-06-20T00:00:00.000Z');
    await expect(submit()).rejects.toMatchObject({ code: 'plan.report.window_not_open', kind: 'conflict' });
    await world.commandBus.execute(
      new SaveDraftCommand(HN_OFFICER, { ...REPORT, content: { ...CONTENT, status: 'completed' } }),
    );
    world.clock.advance(30 * 24 * 3600_000);
    await expect(submit({ expectedRevision: 0 })).rejects.toMatchObject({
      code: 'command.stale_revision',
      kind: 'precondition_failed',
    });
    expect(await world.store.readStream('planReport-HN-I.1.1.1-2020-S1')).toHaveLength(2);
    await expect(submit({ expectedRevision: 1 })).resolves.toMatchObject({ workflow: 'submitted' });
  });
});

describe('SubmitReportController', () => {
  it('dispatches SubmitReportCommand for the path (the body is empty)', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    await new SubmitReportController(bus).submit(REPORT as never, {}, HN_OFFICER, { commandId: 'k' });
    expect(sent).toEqual([new SubmitReportCommand(HN_OFFICER, REPORT, { commandId: 'k' })]);
  });
});
