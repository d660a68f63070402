/** The referral integration module in the embedded default (PostgreSQL bus): what `npm start` runs. */
import { decodeIntegrationEvent, type IntegrationEvent } from '@crm/contracts';
import type { Consumer } from '@crm/messaging';
import { eventually } from '@crm/messaging/testing';
import type { TestService } from '@crm/service-testing';
import { startTestReferralsService } from '../../test/support';
import { referralsFeatures } from '../bootstrap';
import { caseWorker, forbiddenStrings, institution, ReferralWorld } from './testing/referral-histories';

describe('the referral integration (service kit IntegrationModule) on the postgres bus', () => {
  let t: TestService;
  const readers: Consumer[] = [];
  const received: Record<string, IntegrationEvent[]> = { HN: [], MX: [], GT: [] };
  const raw: string[] = [];

  beforeAll(async () => {
    t = await startTestReferralsService({
      prefix: 'referrals_integration',
      features: referralsFeatures({ integration: { log: () => undefined } }),
    });
    for (const country of Object.keys(received))
      readers.push(
        await t.service.platform.bus.consume({
          groupId: `test-${country.toLowerCase()}-national-system`,
          topics: [`crm.${country}.out.referrals`],
          handler: async (m) => {
            raw.push(m.value.toString('utf8'));
            const d = decodeIntegrationEvent(m);
            if (!d.ok) throw new Error(d.message.en);
            received[country]!.push(d.event);
          },
        }),
      );
  }, 120_000);

  afterAll(async () => {
    for (const r of readers) await r.stop();
    await t?.stop();
  });

  it('relays a sent referral to the sender and the receiver only, with the indicators and no personal data', async () => {
    const world = new ReferralWorld(t.service.platform.store);
    const caseId = await world.registerCase('MX');
    const referralId = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
    await world.act(caseWorker('MX'), {
      type: 'DraftReferral',
      referralId,
      caseId,
      from: institution('MX'),
      to: institution('HN'),
      servicesRequested: ['shelter'],
      categories: ['indicators', 'identity'],
      urgency: 'urgent',
    });
    await world.act(caseWorker('MX'), {
      type: 'SendReferral',
      referralId,
      consent: { kind: 'consent', consentIds: ['c-1'], covered: ['indicators', 'identity'] },
      deadlines: { acknowledgeBy: '2020-07-03T08:00:00.000Z', decideBy: '2020-07-08T08:00:00.000Z' },
    });
    await eventually(
      () => received.HN!.length >= 1 && received.MX!.length >= 1,
      60_000,
      () => `HN ${received.HN!.length}, MX ${received.MX!.length}`,
    );
    for (const country of ['HN', 'MX']) {
      expect(received[country]!.map((e) => e.type)).toEqual(['referrals.referral.sent']);
      expect(received[country]![0]!.data).toMatchObject({
        country,
        referralId,
        caseRef: caseId,
        viewPath: `/referrals/referrals/${referralId}/disclosed-view`,
        indicators: { ageBand: '12-14', accompaniment: 'unaccompanied' },
      });
    }
    await new Promise((r) => setTimeout(r, 500)); // a copy for Guatemala would have come with the others
    expect(received.GT).toEqual([]);
    for (const text of raw) for (const secret of forbiddenStrings()) expect(text).not.toContain(secret);
  });
});
