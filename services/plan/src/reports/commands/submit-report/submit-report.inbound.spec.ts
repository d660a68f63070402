import { validSubmission } from '@crm/contracts/testing';
import {
  decodeIntegrationEvent,
  type IntegrationEvent,
  type ReportSubmissionOutcomeV1,
} from '@crm/contracts';
import { HN_OFFICER, planWorld } from '../../../testing/plan-world';
import { SaveDraftCommand } from '../save-draft/save-draft.command';
import { handleSubmissionRequest, nationalSystemPrincipal } from './submit-report.inbound';

function request(country: 'HN' | 'GT', n: number, patch: Record<string, unknown> = {}): IntegrationEvent {
  const valid = validSubmission(country, n);
  const decoded = decodeIntegrationEvent({
    headers: valid.headers,
    value: Buffer.from(JSON.stringify({ ...valid.data, ...patch })),
  });
  if (!decoded.ok) throw new Error(decoded.message.en);
  return decoded.event;
}

const outcome = (o: { data: unknown }) => o.data as ReportSubmissionOutcomeV1;

describe('submit-report Kafka inbound adapter: submission request -> SaveDraftCommand + SubmitReportCommand -> outcome', () => {
  it('accepts a valid request as the national system of the topic country and submits the report', async () => {
    const { store, commandBus, clock } = await planWorld();
    const result = await handleSubmissionRequest({ commandBus, store, clock }, request('HN', 1), {
      country: 'HN',
    });
    expect(result).toMatchObject({
      type: 'plan.report.submission-outcome',
      version: 1,
      key: 'planReport-HN-IV.1.1.1-2020-S1',
    });
    expect(outcome(result)).toMatchObject({
      outcome: 'accepted',
      country: 'HN',
      reportId: 'planReport-HN-IV.1.1.1-2020-S1',
      requestId: 'hostile-HN-1',
      externalReference: 'HN-SNI-000001',
    });
    const events = await store.readStream('planReport-HN-IV.1.1.1-2020-S1');
    expect(events.map((e) => e.type)).toEqual(['ReportDrafted', 'ReportSubmitted']);
    expect(
      events.every(
        (e) =>
          e.metadata.actor.subject === 'national-system:HN' && e.metadata.actor.role === 'national_system',
      ),
    ).toBe(true);
    expect(events.every((e) => e.metadata.causationId === 'hostile-HN-1')).toBe(true);
  });

  it('replaying the same request records nothing new and answers accepted again', async () => {
    const { store, commandBus, clock } = await planWorld();
    const deps = { commandBus, store, clock };
    await handleSubmissionRequest(deps, request('HN', 1), { country: 'HN' });
    const again = await handleSubmissionRequest(deps, request('HN', 1), { country: 'HN' });
    expect(outcome(again).outcome).toBe('accepted');
    expect(await store.readStream('planReport-HN-IV.1.1.1-2020-S1')).toHaveLength(2);
  });

  it('answers a new request for an already submitted report with the workflow refusal (409 code, es/en), storing nothing', async () => {
    const { store, commandBus, clock } = await planWorld();
    const deps = { commandBus, store, clock };
    await handleSubmissionRequest(deps, request('HN', 1), { country: 'HN' });
    const second = outcome(await handleSubmissionRequest(deps, request('HN', 2), { country: 'HN' }));
    expect(second).toMatchObject({
      outcome: 'rejected',
      requestId: 'hostile-HN-2',
      reason: { code: 'plan.report.invalid_transition' },
    });
    if (second.outcome !== 'rejected') return;
    expect(second.reason.message.es).toMatch(/enviado/);
    expect(second.reason.message.en).toMatch(/submitted/);
    expect(await store.readStream('planReport-HN-IV.1.1.1-2020-S1')).toHaveLength(2);
  });

  it('refuses before the window opens without saving the draft', async () => {
    const { store, commandBus, clock } = await planWorld('2020-05-01T00:00:00.000Z');
    const result = outcome(
      await handleSubmissionRequest({ commandBus, store, clock }, request('HN', 1), { country: 'HN' }),
    );
    expect(result).toMatchObject({ outcome: 'rejected', reason: { code: 'plan.report.window_not_open' } });
    expect(await store.readStream('planReport-HN-IV.1.1.1-2020-S1')).toHaveLength(0);
  });

  it('refuses a period outside every imported plan with the same 422 refusal as HTTP (plan.period.outside_plans, es/en), not window_not_open', async () => {
    const { store, commandBus, clock } = await planWorld('2026-12-01T00:00:00.000Z');
    const result = outcome(
      await handleSubmissionRequest({ commandBus, store, clock }, request('HN', 1, { period: '2030-S1' }), {
        country: 'HN',
      }),
    );
    expect(result).toMatchObject({
      outcome: 'rejected',
      country: 'HN',
      period: '2030-S1',
      reason: { code: 'plan.period.outside_plans', details: { period: '2030-S1', plans: ['2017-2022'] } },
    });
    if (result.outcome !== 'rejected') return;
    expect(result.reason.message.es).toContain('2030-S1');
    expect(result.reason.message.es).toMatch(/ningún plan importado/);
    expect(result.reason.message.en).toMatch(/belongs to no imported plan \(plans: 2017-2022\)/);
    const http = await commandBus
      .execute(
        new SaveDraftCommand(HN_OFFICER, {
          country: 'HN',
          activityId: 'IV.1.1.1',
          period: '2030-S1',
          content: { status: 'in_progress', narrative: { es: 'x' } },
        }),
      )
      .catch((e: unknown) => e);
    expect(http).toMatchObject({
      code: 'plan.period.outside_plans',
      kind: 'validation',
      text: result.reason.message,
    });
    expect(await store.readStream('planReport-HN-IV.1.1.1-2030-S1')).toHaveLength(0);
    expect(await store.readAll()).toHaveLength(1); // only the catalogue import
  });

  it('answers an unknown activity with the not-found code even before the window opens (the draft step checks it first, as over HTTP)', async () => {
    const { store, commandBus, clock } = await planWorld('2020-05-01T00:00:00.000Z');
    const result = outcome(
      await handleSubmissionRequest(
        { commandBus, store, clock },
        request('HN', 1, { activityId: 'IX.9.9.9' }),
        { country: 'HN' },
      ),
    );
    expect(result).toMatchObject({
      outcome: 'rejected',
      activityId: 'IX.9.9.9',
      reason: { code: 'plan.activity.not_found' },
    });
    expect(await store.readAll()).toHaveLength(1);
  });

  it('answers an activity the catalogue does not have with the not-found code', async () => {
    const { store, commandBus, clock } = await planWorld();
    const result = outcome(
      await handleSubmissionRequest(
        { commandBus, store, clock },
        request('GT', 3, { activityId: 'IX.9.9.9' }),
        { country: 'GT' },
      ),
    );
    expect(result).toMatchObject({
      outcome: 'rejected',
      country: 'GT',
      activityId: 'IX.9.9.9',
      reason: { code: 'plan.activity.not_found' },
    });
    expect(await store.readAll()).toHaveLength(1); // only the catalogue import
  });

  it('treats a catalogue that is not imported yet as transient (thrown, so the bus retries)', async () => {
    const { store, commandBus, clock } = await planWorld('2020-07-10T15:00:00.000Z', { catalogue: false });
    await expect(
      handleSubmissionRequest({ commandBus, store, clock }, request('HN', 1), { country: 'HN' }),
    ).rejects.toMatchObject({ code: 'catalogue.not_imported' });
  });

  it('acts as a national-system principal of exactly that country', () => {
    expect(nationalSystemPrincipal('HN')).toEqual({
      subject: 'national-system:HN',
      country: 'HN',
      institution: 'HN/national-system',
      roles: ['national_system'],
    });
  });
});
