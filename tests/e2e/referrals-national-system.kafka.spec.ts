/**
 * Must-show (issue requirement 7): national systems integrate with the referral service through Kafka with no
 * plaintext personal data in any message. End to end through the real broker and the real referral service:
 * Mexico's case worker registers a case (consent for Honduras), drafts and sends a referral to a Honduran
 * institution over HTTP; Honduras' national system (plain kafkajs) receives `referrals.referral.sent.v1` on
 * crm.HN.out.referrals (notify), acknowledges and accepts through crm.HN.in.referrals, gets the outcomes, and
 * pulls the disclosed view over HTTPS with its own token (pull), which the case's access log records; Mexico
 * sees the status change over HTTP and on crm.MX.out.referrals; Mexico's national system cannot act for the
 * receiving side; Guatemala, reading every topic its ACL allows, gets nothing of it.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import {
  encodeIntegrationEvent,
  kafkaAclCommands,
  nationalPrincipal,
  SERVICES,
  type ReferralResponseOutcomeV1,
  type ReferralResponseRequestedV1,
  type ReferralSentV1,
  type ReferralStatusChangedV1,
} from '@crm/contracts';
import { aclAllows } from '@crm/contracts/testing';
import { referralsFeatures, startReferralsService } from '@crm/referrals';
import { XIOMARA } from '@crm/referrals/testing';
import { describeWithKafka, kafkaBrokers } from '@crm/testing';
import { NationalSystem, startServiceOnKafka, waitFor, type ServiceOnKafka } from './support/plan-on-kafka';

const MX_INSTITUTION = { country: 'MX', institutionId: 'MX-PROTECCION' } as const;
const HN_INSTITUTION = { country: 'HN', institutionId: 'HN-PROTECCION' } as const;
const REFERRAL_ID = randomUUID();
const CONSENT_ID = 'consent-hn-1';

/**
 * The child's identifying data as Mexico's case worker types it (the fixture's XIOMARA, whose strings every
 * plaintext scan knows): none of it may appear in a Kafka message.
 */
const CHILD = XIOMARA.child;
const IDENTIFYING_STRINGS = [...XIOMARA.strings, 'Xiomara', 'Bustillo', 'Zelaya', 'Tapachula', 'tía materna'];

const isoDate = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function institutionBody(institution: { country: string; institutionId: string }) {
  const cc = institution.country.toLowerCase();
  const focal = (id: string) => ({
    focalPointId: `${institution.institutionId}-${id}`,
    languages: ['es'],
    contact: { name: `Punto focal ${id}`, email: `${id}@${cc}.example.org` },
  });
  return {
    ...institution,
    kind: 'child_protection',
    name: {
      es: `Protección de la niñez (${institution.country})`,
      en: `Child protection (${institution.country})`,
    },
    intake: focal('intake'),
    backup: focal('backup'),
    verifiedOn: isoDate(-10),
  };
}

/** A 16-year-old Honduran girl, unaccompanied, detected in Mexico on her way to the United States. */
const INDICATORS = {
  ageBand: '15-17',
  ageYears: 16,
  ageAssessment: 'declared',
  sex: 'female',
  nationality: 'HN',
  countryOfOrigin: 'HN',
  countryOfDetection: 'MX',
  countryOfDestination: 'US',
  transitCountries: ['GT'],
  migrationStage: 'in_transit',
  accompaniment: 'unaccompanied',
  travellingWith: ['alone'],
  detectedOn: isoDate(-3),
  detectionPlaceType: 'migration_station',
  detectionAdminArea: 'MX-CHP',
  internationalProtectionNeeds: ['violence_victim'],
  documentation: ['birth_certificate'],
  healthNeeds: ['none_identified'],
  psychosocialNeeds: ['not_yet_assessed'],
  disability: 'no',
  pregnancyOrParenthood: ['none'],
  reasonsForMigrating: ['violence', 'family_reunification'],
  languages: ['es'],
  needsInterpreter: false,
  indigenousPeople: 'no',
  schoolingBeforeMigrating: 'enrolled',
};

function response(
  country: 'HN' | 'MX',
  data: Omit<ReferralResponseRequestedV1, 'country' | 'referralId' | 'externalReference'>,
) {
  const id = `${country.toLowerCase()}-sni-${randomUUID()}`;
  const encoded = encodeIntegrationEvent({
    type: 'referrals.referral.response-requested',
    version: 1,
    data: { country, referralId: REFERRAL_ID, externalReference: `${country}-SNI-${id.slice(-6)}`, ...data },
    country,
    id,
  });
  return { id, message: { key: REFERRAL_ID, ...encoded } };
}

describeWithKafka(
  'referral service <-> national systems of Honduras, Mexico and Guatemala through the real Kafka broker',
  () => {
    let referrals: ServiceOnKafka;
    let hn: NationalSystem;
    let mx: NationalSystem;
    let gt: NationalSystem;
    let caseId: string;
    let gtTopics: string[];
    const T = (logical: string) => referrals.topic(logical);

    beforeAll(async () => {
      referrals = await startServiceOnKafka('referrals', (env, namespace) =>
        startReferralsService({
          env,
          port: 0,
          host: '127.0.0.1',
          features: referralsFeatures({ integration: { log: () => undefined, topicNamespace: namespace } }),
          log: () => undefined,
        }),
      );
      hn = new NationalSystem();
      await hn.start([T('crm.HN.out.referrals'), T('crm.HN.in.referrals.dlq')]);
      mx = new NationalSystem();
      await mx.start([T('crm.MX.out.referrals'), T('crm.MX.in.referrals.dlq')]);
      // Guatemala reads every topic of this run its ACL lets it read (crm.GT.*, crm.regional.*)
      const admin = new Kafka({
        clientId: 'e2e-gt-admin',
        brokers: kafkaBrokers(),
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
      const acl = kafkaAclCommands('GT', SERVICES, { namespace: referrals.namespace });
      gtTopics = (await admin.listTopics()).filter(
        (t) => t.startsWith(referrals.namespace) && aclAllows(acl, nationalPrincipal('GT'), 'Read', t),
      );
      await admin.disconnect();
      expect(gtTopics).toEqual(
        expect.arrayContaining([
          T('crm.GT.out.referrals'),
          T('crm.GT.in.referrals.dlq'),
          T('crm.regional.referrals'),
        ]),
      );
      gt = new NationalSystem();
      await gt.start(gtTopics);

      // the directory: each country registers its own institution
      for (const [who, body] of [
        ['mx.protection_supervisor', institutionBody(MX_INSTITUTION)],
        ['hn.protection_supervisor', institutionBody(HN_INSTITUTION)],
      ] as const) {
        const res = await referrals.api(who, 'POST', '/referrals/institutions', body);
        expect({ who, status: res.status, body: res.body }).toMatchObject({ who, status: 201 });
      }
    }, 400_000);

    afterAll(async () => {
      await Promise.all([hn?.stop(), mx?.stop(), gt?.stop()]);
      await referrals?.stop();
    }, 120_000);

    const outcomeOf = (system: NationalSystem, country: string, requestId: string) =>
      system
        .events(T(`crm.${country}.out.referrals`))
        .filter((e) => e.type === 'referrals.referral.response-outcome')
        .map((e) => e.data as ReferralResponseOutcomeV1)
        .find((o) => o.requestId === requestId);
    const statusChanges = (system: NationalSystem, country: string) =>
      system
        .events(T(`crm.${country}.out.referrals`))
        .filter((e) => e.type === 'referrals.referral.status-changed')
        .map((e) => e.data as ReferralStatusChangedV1);

    it('Mexico registers the case (consent for Honduras), drafts and sends the referral over HTTP', async () => {
      const registered = await referrals.api('mx.protection_case_worker', 'POST', '/referrals/cases', {
        institutionId: MX_INSTITUTION.institutionId,
        indicators: INDICATORS,
        identifying: CHILD,
      });
      expect({ status: registered.status, body: registered.body }).toMatchObject({ status: 201 });
      caseId = registered.body.caseId;
      const consent = await referrals.api(
        'mx.protection_case_worker',
        'POST',
        `/referrals/cases/${caseId}/consents`,
        {
          consentId: CONSENT_ID,
          givenBy: 'child',
          form: 'consent',
          scope: {
            categories: ['identity', 'family', 'indicators', 'protection'],
            countries: ['HN'],
            purpose: ['family_reunification', 'psychosocial'],
            validUntil: isoDate(180),
          },
        },
      );
      expect({ status: consent.status, body: consent.body }).toMatchObject({ status: 200 });
      const draft = await referrals.api(
        'mx.protection_case_worker',
        'PUT',
        `/referrals/referrals/${REFERRAL_ID}`,
        {
          caseId,
          from: MX_INSTITUTION,
          to: HN_INSTITUTION,
          servicesRequested: ['family_reunification', 'psychosocial'],
          categories: ['identity', 'family', 'indicators', 'protection', 'health'],
          urgency: 'urgent',
        },
      );
      expect(draft).toMatchObject({ status: 200, body: { status: 'draft' } });
      const sent = await referrals.api(
        'mx.protection_case_worker',
        'POST',
        `/referrals/referrals/${REFERRAL_ID}/send`,
        {}, // the consent basis is computed from the case's consents
      );
      expect(sent).toMatchObject({ status: 200, body: { status: 'requested' } });
    });

    it('Honduras is notified on crm.HN.out.referrals: the case reference, the non-identifying indicators, the view path, no identifying data', async () => {
      const sent = await waitFor('referrals.referral.sent on crm.HN.out.referrals', () =>
        hn.events(T('crm.HN.out.referrals')).find((e) => e.type === 'referrals.referral.sent'),
      );
      expect(sent.subject).toBe(`referral-${REFERRAL_ID}`);
      expect(sent.data as ReferralSentV1).toMatchObject({
        country: 'HN',
        referralId: REFERRAL_ID,
        caseRef: caseId,
        from: MX_INSTITUTION,
        to: HN_INSTITUTION,
        status: 'requested',
        fhirStatus: 'requested',
        basis: 'consent',
        sharedCategories: ['identity', 'family', 'indicators', 'protection'],
        withheldCategories: ['health'],
        indicators: {
          ageBand: '15-17',
          sex: 'female',
          nationality: 'HN',
          countryOfDetection: 'MX',
          accompaniment: 'unaccompanied',
        },
        protectionNeeds: ['violence_victim'],
        viewPath: `/referrals/referrals/${REFERRAL_ID}/disclosed-view`,
      });
      for (const record of [...hn.received, ...mx.received]) {
        const bytes = `${record.value.toString('utf8')} ${JSON.stringify(record.headers)}`;
        for (const secret of IDENTIFYING_STRINGS) expect(bytes).not.toContain(secret);
        expect(bytes).not.toContain(INDICATORS.detectedOn); // not even the date of detection
      }
      // Mexico, the sender, gets its own copy
      await waitFor('the sender copy', () =>
        mx.events(T('crm.MX.out.referrals')).find((e) => e.type === 'referrals.referral.sent'),
      );
    });

    it("Mexico's national system cannot answer for the receiving side: a rejected outcome (referral.wrong_side, es/en)", async () => {
      const { id, message } = response('MX', { action: 'accept' });
      await mx.send(T('crm.MX.in.referrals'), [message]);
      const outcome = await waitFor('the rejected outcome on crm.MX.out.referrals', () =>
        outcomeOf(mx, 'MX', id),
      );
      expect(outcome).toMatchObject({
        outcome: 'rejected',
        country: 'MX',
        reason: { code: 'referral.wrong_side' },
      });
      if (outcome.outcome !== 'rejected') return;
      expect(outcome.reason.message.es.length).toBeGreaterThan(10);
      expect(outcome.reason.message.en.length).toBeGreaterThan(10);
    });

    it('Honduras acknowledges, then accepts, through crm.HN.in.referrals and gets each outcome and status change', async () => {
      const sent = hn.events(T('crm.HN.out.referrals')).find((e) => e.type === 'referrals.referral.sent')!;
      const ack = response('HN', {
        action: 'acknowledge',
        expectedRevision: (sent.data as ReferralSentV1).revision,
      });
      await hn.send(T('crm.HN.in.referrals'), [ack.message]);
      const acknowledged = await waitFor('the acknowledge outcome', () => outcomeOf(hn, 'HN', ack.id));
      expect(acknowledged).toMatchObject({
        outcome: 'accepted',
        action: 'acknowledge',
        status: 'acknowledged',
        fhirStatus: 'received',
      });
      if (acknowledged.outcome !== 'accepted') return;

      const accept = response('HN', { action: 'accept', expectedRevision: acknowledged.revision });
      await hn.send(T('crm.HN.in.referrals'), [accept.message]);
      const accepted = await waitFor('the accept outcome', () => outcomeOf(hn, 'HN', accept.id));
      expect(accepted).toMatchObject({
        outcome: 'accepted',
        action: 'accept',
        status: 'accepted',
        fhirStatus: 'accepted',
      });

      const changes = await waitFor('both status changes on crm.HN.out.referrals', () => {
        const c = statusChanges(hn, 'HN');
        return c.length >= 2 && c;
      });
      expect(changes.map((c) => [c.previousStatus, c.status, c.actor.subject])).toEqual([
        ['requested', 'acknowledged', 'national-system:HN'],
        ['acknowledged', 'accepted', 'national-system:HN'],
      ]);
      // a stale revision is a rejected outcome (412), not a dead letter
      const stale = response('HN', { action: 'acknowledge', expectedRevision: 0 });
      await hn.send(T('crm.HN.in.referrals'), [stale.message]);
      expect(await waitFor('the stale outcome', () => outcomeOf(hn, 'HN', stale.id))).toMatchObject({
        outcome: 'rejected',
        reason: { code: 'command.stale_revision' },
      });
      expect(hn.deadLetters((t) => t === T('crm.HN.in.referrals.dlq'))).toEqual([]);
    });

    it('a response carrying free text (a note about the child) is dead-lettered with schema_violation; nothing is stored', async () => {
      const stream = `referral-${REFERRAL_ID}`;
      const before = (await referrals.service.platform.store.readStream(stream)).length;
      const id = `hn-sni-${randomUUID()}`;
      const data = {
        country: 'HN',
        referralId: REFERRAL_ID,
        action: 'update',
        followUp: { followUpId: 'hn-fu-1', services: ['psychosocial'], status: 'provided' },
        note: `${CHILD.givenNames} está bien`,
        externalReference: 'HN-SNI-NOTE',
      };
      const headers = {
        ce_specversion: '1.0',
        ce_id: id,
        ce_source: '/national/HN',
        ce_type: 'org.crm.referrals.referral.response-requested.v1',
        ce_crmcountry: 'HN',
        'content-type': 'application/json',
      };
      await hn.send(T('crm.HN.in.referrals'), [
        { key: REFERRAL_ID, headers, value: Buffer.from(JSON.stringify(data)) },
      ]);
      const letter = await waitFor('the dead letter', () =>
        hn
          .deadLetters((t) => t === T('crm.HN.in.referrals.dlq'))
          .find((l) => l.original.headers.ce_id === id),
      );
      expect(letter).toMatchObject({
        code: 'schema_violation',
        original: { topic: T('crm.HN.in.referrals') },
      });
      expect(letter.message.es.length).toBeGreaterThan(10);
      expect(letter.message.en.length).toBeGreaterThan(10);
      expect(letter.reason).not.toContain(CHILD.givenNames); // the reason never copies the payload
      expect((await referrals.service.platform.store.readStream(stream)).length).toBe(before);
      expect(outcomeOf(hn, 'HN', id)).toBeUndefined();
    });

    it("Honduras pulls the disclosed view over HTTPS with its national system's token, and the case's access log records the fetch", async () => {
      const view = await referrals.api(
        'hn.national_system',
        'GET',
        `/referrals/referrals/${REFERRAL_ID}/disclosed-view?purpose=family_reunification`,
      );
      expect({ status: view.status, body: view.body }).toMatchObject({ status: 200 });
      expect(JSON.stringify(view.body)).toContain(CHILD.givenNames); // disclosed to the recipient, over HTTPS only

      const log = await referrals.api(
        'mx.protection_supervisor',
        'GET',
        `/referrals/cases/${caseId}/access-log`,
      );
      expect(log.status).toBe(200);
      expect(log.body.entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            viewer: expect.objectContaining({ subject: 'dev|hn.national_system', country: 'HN' }),
            purpose: `referral ${REFERRAL_ID} disclosed view (family_reunification)`,
            outcome: 'revealed',
          }),
        ]),
      );
    });

    it('Mexico sees the status change over HTTP and on crm.MX.out.referrals', async () => {
      const view = await referrals.api(
        'mx.protection_case_worker',
        'GET',
        `/referrals/referrals/${REFERRAL_ID}`,
      );
      expect(view).toMatchObject({
        status: 200,
        body: { status: 'accepted', fhirStatus: 'accepted', side: 'sender' },
      });
      const changes = await waitFor('both status changes on crm.MX.out.referrals', () => {
        const c = statusChanges(mx, 'MX');
        return c.length >= 2 && c;
      });
      expect(changes.map((c) => c.status)).toEqual(['acknowledged', 'accepted']);
    });

    it('Guatemala, reading every topic its ACL allows, received nothing of this referral', async () => {
      await new Promise((r) => setTimeout(r, 3_000)); // anything published for it would have arrived by now
      expect(gt.received.filter((r) => r.value.toString('utf8').includes(REFERRAL_ID))).toEqual([]);
      expect(gt.received).toEqual([]);
    });
  },
);
