import type { CommandBus } from '@nestjs/cqrs';
import { ForbiddenError, Role, type Principal } from '@crm/auth';
import { commandEventId, StaleRevisionError } from '@crm/decider';
import { capturingBus, HN_OFFICER, planWorld } from '../../../testing/plan-world';
import { SaveDraftController } from './save-draft.controller';
import { SaveDraftCommand } from './save-draft.command';

const REPORT = { country: 'HN', activityId: 'I.1.1.1', period: '2020-S1' };
const CONTENT = { status: 'in_progress' as const, narrative: { es: 'Dos talleres.' } };
const STREAM = 'planReport-HN-I.1.1.1-2020-S1';
const GT_OFFICER: Principal = { ...HN_OFFICER, subject: 'gt-ro', country: 'GT', institution: 'GT/MRE' };

describe('save-draft: SaveDraftCommand on the CommandBus', () => {
  let world: Awaited<ReturnType<typeof planWorld>>;
  beforeEach(async () => {
    world = await planWorld();
  });
  afterEach(() => world.close());

  const save = (principal: Principal, content: object = CONTENT, options = {}) =>
    world.commandBus.execute(
      new SaveDraftCommand(principal, { ...REPORT, content: content as never }, options),
    );

  it('records ReportDrafted on the report stream, against the catalogue of the period’s plan, as the officer', async () => {
    const view = await save(HN_OFFICER, CONTENT, { commandId: 'k-1', correlationId: 'corr-1' });
    expect(view).toMatchObject({
      stream: STREAM,
      revision: 0,
      workflow: 'draft',
      catalogueVersion: '2017-2022@1',
      content: { status: 'in_progress', narrative: { es: 'Dos talleres.' }, evidence: [], indicators: [] },
      allowedActions: ['SaveDraft', 'SubmitReport'],
    });
    const [event] = await world.store.readStream(STREAM);
    expect(event.type).toBe('ReportDrafted');
    expect(event.metadata).toMatchObject({
      eventId: commandEventId(`plan.saveDraft:${STREAM}:k-1`, 0),
      actor: { subject: HN_OFFICER.subject, role: Role.ReportingOfficer, country: 'HN' },
      countries: ['HN'],
      correlationId: 'corr-1',
    });
  });

  it('the same Idempotency-Key again records nothing and answers the same view', async () => {
    const first = await save(HN_OFFICER, CONTENT, { commandId: 'k-1' });
    const again = await save(HN_OFFICER, CONTENT, { commandId: 'k-1' });
    expect(again).toEqual(first);
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
  });

  it('two people editing one draft: the second save on the revision both read is refused (412), the first stays', async () => {
    await save(HN_OFFICER);
    const mine = await save(HN_OFFICER, { ...CONTENT, status: 'completed' }, { expectedRevision: 0 });
    expect(mine.revision).toBe(1);
    const theirs = await save(HN_OFFICER, { ...CONTENT, status: 'delayed' }, { expectedRevision: 0 }).catch(
      (e: unknown) => e,
    );
    expect(theirs).toBeInstanceOf(StaleRevisionError);
    expect(theirs).toMatchObject({ code: 'command.stale_revision', details: { expected: 0, actual: 1 } });
    const events = await world.store.readStream(STREAM);
    expect(events).toHaveLength(2);
    expect((events[1].data as { content: { status: string } }).content.status).toBe('completed');
  });

  it('another country’s officer is refused (403), the denial is audited under the command’s name, nothing is stored', async () => {
    await expect(save(GT_OFFICER)).rejects.toBeInstanceOf(ForbiddenError);
    expect(world.audit.entries).toEqual([
      expect.objectContaining({
        operation: 'plan.report.draft',
        reason: 'other_country',
        resource: { country: 'HN', method: 'COMMAND', path: 'SaveDraftCommand' },
      }),
    ]);
    expect(await world.store.readStream(STREAM)).toEqual([]);
  });

  it('refuses an activity outside the plan (404), a period outside every plan (422) and bad content (422)', async () => {
    await expect(
      world.commandBus.execute(
        new SaveDraftCommand(HN_OFFICER, { ...REPORT, activityId: 'IX.9.9.9', content: CONTENT }),
      ),
    ).rejects.toMatchObject({ code: 'plan.activity.not_found', kind: 'not_found' });
    await expect(
      world.commandBus.execute(
        new SaveDraftCommand(HN_OFFICER, { ...REPORT, period: '2031-S1', content: CONTENT }),
      ),
    ).rejects.toMatchObject({ code: 'plan.period.outside_plans', kind: 'validation' });
    await expect(save(HN_OFFICER, { status: 'in_progress', narrative: { es: ' ' } })).rejects.toMatchObject({
      code: 'plan.report.narrative_required',
    });
    expect(await world.store.readAll()).toHaveLength(1); // the catalogue import only
  });
});

describe('SaveDraftController', () => {
  it('dispatches SaveDraftCommand with the path, the body as content and the request’s command options', async () => {
    const { bus, sent } = capturingBus<CommandBus>('view');
    const meta = { commandId: 'k', correlationId: 'c', expectedRevision: 3 };
    await expect(
      new SaveDraftController(bus).save(REPORT as never, CONTENT as never, HN_OFFICER, meta),
    ).resolves.toBe('view');
    expect(sent).toEqual([new SaveDraftCommand(HN_OFFICER, { ...REPORT, content: CONTENT as never }, meta)]);
    expect(sent[0]).toBeInstanceOf(SaveDraftCommand);
  });
});
