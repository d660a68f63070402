/**
 * A report's whole review cycle, seen by the national systems through the real Kafka broker and the real plan
 * service: Honduras submits (inbound), the Secretariat returns it with comments (HTTP), Honduras resubmits
 * (inbound), the Secretariat approves and then reopens it (HTTP). Honduras' national system receives, on
 * crm.HN.out.plan and in the report stream's order, plan.report.submitted / returned / submitted / approved /
 * reopened, each a valid CloudEvent of its contract; a catalogue amendment arrives on crm.regional.plan only;
 * Guatemala's national system (crm.GT.out.plan) receives none of Honduras' report events.
 */
import { randomUUID } from 'node:crypto';
import {
  decodeIntegrationEvent,
  encodeIntegrationEvent,
  reportSubmissionRequestedV1,
  type CatalogueAmendedV1,
  type IntegrationEvent,
  type ReportApprovedV1,
  type ReportReopenedV1,
  type ReportReturnedV1,
  type ReportSubmissionOutcomeV1,
  type ReportSubmittedV1,
} from '@crm/contracts';
import { describeWithKafka } from '@crm/testing';
import {
  NationalSystem,
  startPlanOnKafka,
  topicRecordCount,
  waitFor,
  type PlanOnKafka,
  type Received,
} from './support/plan-on-kafka';

const ACTIVITY = 'IV.1.1.1';
const PERIOD = '2020-S1';
const HN_REPORT = `planReport-HN-${ACTIVITY}-${PERIOD}`;
const GT_REPORT = `planReport-GT-${ACTIVITY}-${PERIOD}`;
const REPORT_PATH = `/plan/reports/HN/${ACTIVITY}/${PERIOD}`;
const SECRETARIAT = { subject: 'dev|st.coordinator', role: 'secretariat_coordinator' };
const HN_SYSTEM = { subject: 'national-system:HN', role: 'national_system' };

const RETURN_COMMENTS = {
  es: 'Falta el acta del segundo taller; adjúntela y reenvíe.',
  en: 'The minutes of the second workshop are missing; attach them and resubmit.',
};
const APPROVE_COMMENTS = { es: 'Aprobado en la reunión de la Red.', en: 'Approved at the Network meeting.' };
const REOPEN_REASON = {
  es: 'Corrección de las cifras del indicador.',
  en: 'Correction of the indicator figures.',
};
const AMEND_REASON = {
  es: 'Acuerdo de la reunión de la Red: redacción más clara.',
  en: 'Network meeting agreement: clearer wording.',
};

const REPORT_TYPES = [
  'plan.report.submitted',
  'plan.report.returned',
  'plan.report.approved',
  'plan.report.reopened',
];

function submissionRequest(
  country: 'HN' | 'GT',
  id: string,
  externalReference: string,
  patch: Record<string, unknown> = {},
) {
  return encodeIntegrationEvent({
    type: 'plan.report.submission-requested',
    version: 1,
    data: { ...reportSubmissionRequestedV1.example, country, externalReference, ...patch },
    country,
    id,
  });
}

/** decodeIntegrationEvent on a received record, which must be a valid event of `type` v1 declared for `country`. */
function decodeAs(record: Received, type: string, country: string): IntegrationEvent {
  const decoded = decodeIntegrationEvent(record);
  if (!decoded.ok)
    throw new Error(`invalid ${type} on ${record.topic}: ${decoded.code} ${decoded.message.en}`);
  expect(decoded.event).toMatchObject({
    type,
    version: 1,
    ceType: `org.crm.${type}.v1`,
    dataschema: `urn:crm:contracts:schema:${type}.v1`,
    country,
  });
  expect(record.headers.ce_crmcountry).toBe(country);
  return decoded.event;
}

describeWithKafka(
  'a report returned, resubmitted, approved and reopened: what the national systems receive through the real Kafka broker',
  () => {
    let plan: PlanOnKafka;
    let hn: NationalSystem;
    let gt: NationalSystem;
    let HN_IN: string;
    let HN_OUT: string;
    let GT_IN: string;
    let GT_OUT: string;
    let REGIONAL: string;

    beforeAll(async () => {
      plan = await startPlanOnKafka();
      HN_IN = plan.topic('crm.HN.in.plan');
      HN_OUT = plan.topic('crm.HN.out.plan');
      GT_IN = plan.topic('crm.GT.in.plan');
      GT_OUT = plan.topic('crm.GT.out.plan');
      REGIONAL = plan.topic('crm.regional.plan');
      hn = new NationalSystem();
      gt = new NationalSystem();
      await hn.start([HN_OUT, REGIONAL]);
      await gt.start([GT_OUT, REGIONAL]);
    }, 400_000);

    afterAll(async () => {
      await gt?.stop();
      await hn?.stop();
      await plan?.stop();
    }, 120_000);

    const records = (system: NationalSystem, topic: string) =>
      system.received.filter((r) => r.topic === topic);
    /** Honduras' report events on its own topic, in the order received, each decoded and validated against its contract. */
    const hnReportEvents = () =>
      records(hn, HN_OUT)
        .filter((r) => REPORT_TYPES.some((t) => r.headers.ce_type === `org.crm.${t}.v1`))
        .map((r) => decodeAs(r, r.headers.ce_type!.replace(/^org\.crm\./, '').replace(/\.v1$/, ''), 'HN'));
    const nth = (type: string, n: number) => () => hnReportEvents().filter((e) => e.type === type)[n];
    const outcomeOf = (system: NationalSystem, topic: string, requestId: string) =>
      system
        .events(topic)
        .find(
          (e) =>
            e.type === 'plan.report.submission-outcome' &&
            (e.data as ReportSubmissionOutcomeV1).requestId === requestId,
        )?.data as ReportSubmissionOutcomeV1 | undefined;
    const domainEvents = async (stream: string) =>
      (await plan.service.platform.store.readStream(stream)).filter((e) => e.type !== 'ReportDrafted');

    it('Honduras submits; the Secretariat returns it with comments: plan.report.returned reaches crm.HN.out.plan with the comments and the actor', async () => {
      const id = `hn-sni-${randomUUID()}`;
      await hn.send(HN_IN, [
        { key: 'HN-SNI-2020-000501', ...submissionRequest('HN', id, 'HN-SNI-2020-000501') },
      ]);
      expect(await waitFor('the accepted outcome', () => outcomeOf(hn, HN_OUT, id))).toMatchObject({
        outcome: 'accepted',
        reportId: HN_REPORT,
      });
      await waitFor('plan.report.submitted', nth('plan.report.submitted', 0));

      const returned = await plan.api('st.coordinator', 'POST', `${REPORT_PATH}/return`, {
        comments: RETURN_COMMENTS,
      });
      expect(returned.status).toBe(200);

      const event = await waitFor('plan.report.returned', nth('plan.report.returned', 0));
      const [, domainReturned] = await domainEvents(HN_REPORT);
      expect(event.id).toBe(domainReturned!.metadata.eventId);
      expect(event.subject).toBe(HN_REPORT);
      const data = event.data as ReportReturnedV1;
      expect(data).toEqual({
        country: 'HN',
        reportId: HN_REPORT,
        activityId: ACTIVITY,
        period: PERIOD,
        status: 'in_progress',
        actor: SECRETARIAT,
        returnedAt: expect.any(String),
        comments: RETURN_COMMENTS,
      });
      expect(data.returnedAt).toBe((domainReturned!.data as { returnedAt: string }).returnedAt);
    });

    it('Honduras resubmits the corrected report through its national system: accepted, and a second plan.report.submitted follows', async () => {
      const id = `hn-sni-${randomUUID()}`;
      const corrected = submissionRequest('HN', id, 'HN-SNI-2020-000502', {
        status: 'completed',
        narrative: {
          es: 'Se realizaron los dos talleres; se adjunta el acta del segundo.',
          en: 'Both workshops were held; the minutes of the second are attached.',
        },
      });
      await hn.send(HN_IN, [{ key: 'HN-SNI-2020-000502', ...corrected }]);
      expect(
        await waitFor('the accepted outcome of the resubmission', () => outcomeOf(hn, HN_OUT, id)),
      ).toMatchObject({ outcome: 'accepted', reportId: HN_REPORT, externalReference: 'HN-SNI-2020-000502' });

      const resubmitted = await waitFor('the second plan.report.submitted', nth('plan.report.submitted', 1));
      expect(resubmitted.data as ReportSubmittedV1).toMatchObject({
        country: 'HN',
        reportId: HN_REPORT,
        status: 'completed',
        actor: HN_SYSTEM,
      });
    });

    it('the Secretariat approves, then reopens it: plan.report.approved and plan.report.reopened arrive, and all five report events come in the stream order', async () => {
      expect(
        (await plan.api('st.coordinator', 'POST', `${REPORT_PATH}/approve`, { comments: APPROVE_COMMENTS }))
          .status,
      ).toBe(200);
      const approved = await waitFor('plan.report.approved', nth('plan.report.approved', 0));
      expect(approved.data as ReportApprovedV1).toEqual({
        country: 'HN',
        reportId: HN_REPORT,
        activityId: ACTIVITY,
        period: PERIOD,
        status: 'completed',
        actor: SECRETARIAT,
        approvedAt: expect.any(String),
        approvedVersion: 1,
        comments: APPROVE_COMMENTS,
      });

      expect(
        (await plan.api('st.coordinator', 'POST', `${REPORT_PATH}/reopen`, { reason: REOPEN_REASON })).status,
      ).toBe(200);
      const reopened = await waitFor('plan.report.reopened', nth('plan.report.reopened', 0));
      expect(reopened.data as ReportReopenedV1).toEqual({
        country: 'HN',
        reportId: HN_REPORT,
        activityId: ACTIVITY,
        period: PERIOD,
        status: 'completed',
        actor: SECRETARIAT,
        reopenedAt: expect.any(String),
        reason: REOPEN_REASON,
        previousApprovedVersion: 1,
      });

      // Stream order: the events of one report share its key (one partition), so they arrive as they were recorded.
      const stored = await domainEvents(HN_REPORT);
      expect(stored.map((e) => e.type)).toEqual([
        'ReportSubmitted',
        'ReportReturned',
        'ReportSubmitted',
        'ReportApproved',
        'ReportReopened',
      ]);
      const received = hnReportEvents();
      expect(received.map((e) => e.type)).toEqual([
        'plan.report.submitted',
        'plan.report.returned',
        'plan.report.submitted',
        'plan.report.approved',
        'plan.report.reopened',
      ]);
      expect(received.map((e) => e.id)).toEqual(stored.map((e) => e.metadata.eventId));
      expect(
        records(hn, HN_OUT)
          .filter((r) => REPORT_TYPES.some((t) => r.headers.ce_type === `org.crm.${t}.v1`))
          .every((r) => r.key === HN_REPORT),
      ).toBe(true);
      // Never the narrative: only ids, statuses, times, the actor and the Secretariat's comments travel.
      expect(records(hn, HN_OUT).every((r) => !/talleres|workshops/.test(r.value.toString('utf8')))).toBe(
        true,
      );
    });

    it('a catalogue amendment (an activity reworded) arrives on crm.regional.plan as plan.catalogue.amended.v1, for every national system, and on no country topic', async () => {
      const catalogue = await plan.api('st.coordinator', 'GET', '/plan/catalogue');
      expect(catalogue.status).toBe(200);
      const target =
        (catalogue.body.catalogue.activities as Array<{ id: string; text: { es: string; en: string } }>).find(
          (a) => a.id === 'VII.1.1.1',
        ) ?? catalogue.body.catalogue.activities[0];
      const amended = await plan.api('st.coordinator', 'POST', '/plan/catalogue/amendments', {
        type: 'reword',
        activityId: target.id,
        text: { es: `${target.text.es} (revisado)`, en: `${target.text.en} (revised)` },
        reason: AMEND_REASON,
      });
      expect(amended.status).toBe(200);
      expect(amended.body).toMatchObject({ version: 2 });

      const amendmentOn = (system: NationalSystem) => () =>
        records(system, REGIONAL)
          .map((r) => decodeAs(r, 'plan.catalogue.amended', 'ST'))
          .find((e) => (e.data as CatalogueAmendedV1).catalogueVersion === '2017-2022.2');
      const seenByHn = await waitFor('the amendment on the regional topic (Honduras)', amendmentOn(hn));
      const seenByGt = await waitFor('the amendment on the regional topic (Guatemala)', amendmentOn(gt));
      expect(seenByGt.id).toBe(seenByHn.id);
      const stored = (await plan.service.platform.store.readStream('planCatalogue-2017-2022')).find(
        (e) => e.type === 'ActivityReworded',
      );
      expect(seenByHn.id).toBe(stored!.metadata.eventId);
      expect(seenByHn.data as CatalogueAmendedV1).toEqual({
        catalogueVersion: '2017-2022.2',
        previousCatalogueVersion: '2017-2022.1',
        amendedAt: expect.any(String),
        actor: SECRETARIAT,
        changes: [{ kind: 'activity_amended', activityId: target.id }],
        summary: AMEND_REASON,
      });
      for (const [system, topic] of [
        [hn, HN_OUT],
        [gt, GT_OUT],
      ] as const) {
        expect(
          records(system, topic).some((r) => r.headers.ce_type === 'org.crm.plan.catalogue.amended.v1'),
        ).toBe(false);
      }
    });

    it("Guatemala's national system receives none of Honduras' report events (its own, yes); the regional topic carries no report event", async () => {
      // Guatemala's own submission, last: a positive control that its consumer reads crm.GT.out.plan.
      const id = `gt-sni-${randomUUID()}`;
      await gt.send(GT_IN, [
        { key: 'GT-SNI-2020-000001', ...submissionRequest('GT', id, 'GT-SNI-2020-000001') },
      ]);
      expect(
        await waitFor('the accepted outcome (Guatemala)', () => outcomeOf(gt, GT_OUT, id)),
      ).toMatchObject({ outcome: 'accepted', country: 'GT', reportId: GT_REPORT });
      await waitFor("Guatemala's plan.report.submitted", () =>
        gt.events(GT_OUT).find((e) => e.type === 'plan.report.submitted'),
      );

      // Everything Honduras caused was published before (the relay publishes in store order, checkpointing after
      // the broker's ack): once Guatemala has read every record its topic holds, nothing more of Honduras can come.
      const onGtTopic = await topicRecordCount(GT_OUT);
      await waitFor(
        "every record of Guatemala's topic to be read",
        () => records(gt, GT_OUT).length >= onGtTopic && true,
      );
      const gtRecords = records(gt, GT_OUT);
      expect(gtRecords).toHaveLength(onGtTopic);
      const gtEvents = gt.events(GT_OUT);
      expect(gtEvents.map((e) => e.type).sort()).toEqual([
        'plan.report.submission-outcome',
        'plan.report.submitted',
      ]);
      expect(
        gtEvents.every((e) => e.country === 'GT' && (e.data as { country: string }).country === 'GT'),
      ).toBe(true);
      expect(
        gtRecords.every(
          (r) => r.headers.ce_crmcountry === 'GT' && !r.value.toString('utf8').includes('planReport-HN'),
        ),
      ).toBe(true);
      const hnEventIds = new Set(hnReportEvents().map((e) => e.id));
      expect(hnEventIds.size).toBe(5);
      expect(gtEvents.some((e) => hnEventIds.has(e.id))).toBe(false);

      // Nor does Honduras see Guatemala's, and the regional topic (read by all) holds only catalogue events.
      expect(
        records(hn, HN_OUT).every(
          (r) => r.headers.ce_crmcountry === 'HN' && !r.value.toString('utf8').includes('planReport-GT'),
        ),
      ).toBe(true);
      const onRegional = await topicRecordCount(REGIONAL);
      await waitFor(
        'every record of the regional topic to be read',
        () => records(gt, REGIONAL).length >= onRegional && true,
      );
      expect(
        records(gt, REGIONAL).every(
          (r) =>
            r.headers.ce_type === 'org.crm.plan.catalogue.amended.v1' && r.headers.ce_crmcountry === 'ST',
        ),
      ).toBe(true);
    });
  },
);
