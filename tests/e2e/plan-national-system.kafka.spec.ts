/**
 * Must-show (issue 5): a national system's inbound report becomes a submitted report and its outcome event
 * comes back, end to end through the real Kafka broker and the real plan service.
 */
import { randomUUID } from 'node:crypto';
import {
  encodeIntegrationEvent,
  reportSubmissionRequestedV1,
  type ReportSubmissionOutcomeV1,
} from '@crm/contracts';
import { PostgresProcessedStore } from '@crm/gateway';
import { describeWithKafka } from '@crm/testing';
import { NationalSystem, startPlanOnKafka, waitFor, type PlanOnKafka } from './support/plan-on-kafka';

const REPORT_STREAM = 'planReport-HN-IV.1.1.1-2020-S1';

function submissionRequest(country: 'HN' | 'GT', id: string, externalReference: string) {
  return encodeIntegrationEvent({
    type: 'plan.report.submission-requested',
    version: 1,
    data: { ...reportSubmissionRequestedV1.example, country, externalReference },
    country,
    id,
  });
}

describeWithKafka('plan service <-> Honduras national system through the real Kafka broker', () => {
  let plan: PlanOnKafka;
  let hn: NationalSystem;
  let IN: string;
  let OUT: string;
  let DLQ: string;

  beforeAll(async () => {
    plan = await startPlanOnKafka();
    IN = plan.topic('crm.HN.in.plan');
    OUT = plan.topic('crm.HN.out.plan');
    DLQ = plan.topic('crm.HN.in.plan.dlq');
    hn = new NationalSystem();
    await hn.start([OUT, DLQ]);
  }, 400_000);

  afterAll(async () => {
    await hn?.stop();
    await plan?.stop();
  }, 120_000);

  const outcomes = () => hn.events(OUT).filter((e) => e.type === 'plan.report.submission-outcome');
  const outcomeOf = (requestId: string) =>
    outcomes().find((e) => (e.data as ReportSubmissionOutcomeV1).requestId === requestId)?.data as
      ReportSubmissionOutcomeV1 | undefined;

  it('a valid submission request becomes a submitted report; the accepted outcome and plan.report.submitted come back on crm.HN.out.plan', async () => {
    const id = `hn-sni-${randomUUID()}`;
    const request = submissionRequest('HN', id, 'HN-SNI-2020-000123');
    await hn.send(IN, [{ key: 'HN-SNI-2020-000123', ...request }]);

    const outcome = await waitFor('the accepted outcome', () => outcomeOf(id));
    expect(outcome).toMatchObject({
      outcome: 'accepted',
      country: 'HN',
      reportId: REPORT_STREAM,
      externalReference: 'HN-SNI-2020-000123',
      activityId: 'IV.1.1.1',
      period: '2020-S1',
    });

    const events = await plan.service.platform.store.readStream(REPORT_STREAM);
    expect(events.map((e) => e.type)).toEqual(['ReportDrafted', 'ReportSubmitted']);
    expect(events[1]!.metadata.actor).toMatchObject({
      subject: 'national-system:HN',
      role: 'national_system',
      country: 'HN',
    });

    const submitted = await waitFor('plan.report.submitted on the country topic', () =>
      hn.events(OUT).find((e) => e.type === 'plan.report.submitted'),
    );
    expect(submitted.id).toBe(events[1]!.metadata.eventId); // CloudEvents id = domain event id
    expect(submitted.data).toMatchObject({
      country: 'HN',
      reportId: REPORT_STREAM,
      status: 'in_progress',
      catalogueVersion: '2017-2022.1',
      actor: { subject: 'national-system:HN', role: 'national_system' },
    });
    expect(
      hn.received
        .filter((r) => r.topic === OUT)
        .every((r) => !r.value.toString('utf8').includes('talleres con personal consular')),
    ).toBe(true);
  });

  it("a request declaring Guatemala on Honduras' topic is dead-lettered with country_mismatch and stores nothing", async () => {
    const id = `gt-on-hn-${randomUUID()}`;
    const before = (await plan.service.platform.store.readAll()).length;
    await hn.send(IN, [{ key: 'GT-SNI-1', ...submissionRequest('GT', id, 'GT-SNI-1') }]);

    const letter = await waitFor('the dead letter', () =>
      hn.deadLetters((t) => t === DLQ).find((l) => l.original.headers.ce_id === id),
    );
    expect(letter).toMatchObject({ code: 'country_mismatch', original: { topic: IN, key: 'GT-SNI-1' } });
    expect(letter.message.es).toMatch(/no coincide/);
    expect(letter.message.en).toMatch(/does not match/);
    expect(Buffer.from(letter.original.valueBase64, 'base64').toString('utf8')).toContain('"country":"GT"');

    expect(await plan.service.platform.store.readStream('planReport-GT-IV.1.1.1-2020-S1')).toEqual([]);
    expect((await plan.service.platform.store.readAll()).length).toBe(before);
    const seen = await PostgresProcessedStore.open(await plan.service.platform.dataSource('plan'), 'plan');
    expect(await seen.find('crm.plan.inbound-gateway', 'HN', id)).toBeNull();
    expect(await seen.find('crm.plan.inbound-gateway', 'GT', id)).toBeNull();
    expect(outcomes().some((e) => (e.data as ReportSubmissionOutcomeV1).requestId === id)).toBe(false);
  });

  it('submitting the already submitted report again is answered with a rejected outcome (code, es/en), not a dead letter', async () => {
    const id = `hn-sni-${randomUUID()}`;
    await hn.send(IN, [{ key: 'HN-SNI-2020-000124', ...submissionRequest('HN', id, 'HN-SNI-2020-000124') }]);

    const outcome = await waitFor('the rejected outcome', () => outcomeOf(id));
    expect(outcome).toMatchObject({
      outcome: 'rejected',
      country: 'HN',
      externalReference: 'HN-SNI-2020-000124',
      reason: { code: 'plan.report.invalid_transition' },
    });
    if (outcome.outcome !== 'rejected') return;
    expect(outcome.reason.message.es).toMatch(/enviado/);
    expect(outcome.reason.message.en).toMatch(/submitted/);
    expect((await plan.service.platform.store.readStream(REPORT_STREAM)).map((e) => e.type)).toEqual([
      'ReportDrafted',
      'ReportSubmitted',
    ]);
    expect(hn.deadLetters((t) => t === DLQ).some((l) => l.original.headers.ce_id === id)).toBe(false);
  });
});
