/**
 * The inbound adapter on the real use cases (the lifecycle's handlers on the CommandBus, a memory store):
 * a national system acts only for its country's side, every refusal is a rejected outcome that stored
 * nothing, a replay records nothing new.
 */
import {
  decodeIntegrationEvent,
  encodeIntegrationEvent,
  RESPONSE_ACTIONS,
  type IntegrationEvent,
  type ReferralResponseOutcomeV1,
  type ReferralResponseRequestedV1,
} from '@crm/contracts';
import type { CountryCode } from '@crm/kernel';
import { reach } from '../referrals/testing/referral-paths';
import { REFERRAL_ID, referralWorld, type ReferralWorld } from '../referrals/testing/referral-world';
import { RESPONSE_COMMANDS } from './referral-response.commands';
import { handleReferralResponse } from './referral-response.inbound';

const STREAM = `referral-${REFERRAL_ID}`;

function request(
  country: CountryCode,
  data: Omit<ReferralResponseRequestedV1, 'country' | 'referralId' | 'externalReference'> & {
    referralId?: string;
  },
  id: string,
): IntegrationEvent {
  const encoded = encodeIntegrationEvent({
    type: 'referrals.referral.response-requested',
    version: 1,
    data: { country, referralId: REFERRAL_ID, externalReference: `${country}-SNI-${id}`, ...data },
    country,
    id,
  });
  const decoded = decodeIntegrationEvent(encoded);
  if (!decoded.ok) throw new Error(decoded.message.en);
  return decoded.event;
}

describe('referral responses from national systems, on the real use cases', () => {
  let world: ReferralWorld;
  const answer = async (country: CountryCode, data: Parameters<typeof request>[1], id: string) =>
    (
      await handleReferralResponse(
        { commandBus: world.commandBus, clock: world.clock, commands: RESPONSE_COMMANDS },
        request(country, data, id),
        { country },
      )
    ).data as ReferralResponseOutcomeV1;

  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
  });
  afterEach(() => world.close());

  it('has a use case for every action of the contract', () => {
    expect(Object.keys(RESPONSE_COMMANDS).sort()).toEqual([...RESPONSE_ACTIONS].sort());
  });

  it("Honduras' national system acknowledges, accepts, reports a follow-up and closes its referral; the events name it", async () => {
    const sent = await reach(world, 'requested');
    const steps: Array<[Parameters<typeof request>[1], string]> = [
      [{ action: 'acknowledge', expectedRevision: sent.revision }, 'acknowledged'],
      [{ action: 'accept' }, 'accepted'],
      [
        {
          action: 'update',
          followUp: { followUpId: 'hn-fu-1', services: ['psychosocial'], status: 'provided' },
        },
        'in_progress',
      ],
      [{ action: 'close', outcome: 'reunified' }, 'completed'],
    ];
    for (const [i, [data, status]] of steps.entries()) {
      const outcome = await answer('HN', data, `req-${i}`);
      expect(outcome).toMatchObject({ outcome: 'accepted', country: 'HN', action: data.action, status });
    }
    const events = await world.store.readStream(STREAM);
    const hnEvents = events.filter((e) => e.metadata.actor.country === 'HN');
    expect(hnEvents.map((e) => e.type)).toEqual([
      'ReferralAcknowledged',
      'ReferralAccepted',
      'ReferralStarted',
      'FollowUpReported',
      'ReferralCompleted',
    ]);
    for (const e of hnEvents) {
      expect(e.metadata.actor).toMatchObject({ subject: 'national-system:HN', role: 'national_system' });
      expect(e.metadata.causationId).toMatch(/^req-\d$/);
    }
  });

  it('a replay of the same request records nothing new and answers accepted again', async () => {
    await reach(world, 'requested');
    const first = await answer('HN', { action: 'accept' }, 'req-accept');
    const count = await world.count(STREAM);
    const again = await answer('HN', { action: 'accept' }, 'req-accept');
    expect(again).toMatchObject({ outcome: 'accepted', status: 'accepted' });
    expect(again.outcome === 'accepted' && first.outcome === 'accepted' && again.revision).toBe(
      first.outcome === 'accepted' && first.revision,
    );
    expect(await world.count(STREAM)).toBe(count);
  });

  it.each([
    [
      'the sender (Mexico) accepting its own referral',
      'MX',
      { action: 'accept' as const },
      'referral.wrong_side',
    ],
    [
      'a third country (Costa Rica)',
      'CR',
      { action: 'acknowledge' as const },
      'auth.forbidden.other_country',
    ],
    [
      'the receiver on a stale revision',
      'HN',
      { action: 'acknowledge' as const, expectedRevision: 0 },
      'command.stale_revision',
    ],
    [
      'the receiver closing a referral it has not accepted',
      'HN',
      { action: 'close' as const, outcome: 'reunified' as const },
      'referral.invalid_transition',
    ],
    [
      'the receiver acknowledging a withdrawal that was never notified',
      'HN',
      { action: 'acknowledge_withdrawal' as const },
      'referral.invalid_transition',
    ],
  ] as const)(
    '%s: a rejected outcome with the code and es/en text, nothing stored',
    async (_name, country, data, code) => {
      await reach(world, 'requested');
      const count = await world.count(STREAM);
      const outcome = await answer(country, data, 'req-refused');
      expect(outcome).toMatchObject({
        outcome: 'rejected',
        country,
        referralId: REFERRAL_ID,
        action: data.action,
      });
      if (outcome.outcome !== 'rejected') return;
      expect(outcome.reason.code).toBe(code);
      expect(outcome.reason.message.es).toMatch(/\S{3}/);
      expect(outcome.reason.message.en).toMatch(/\S{3}/);
      expect(outcome.reason.message.es).not.toBe(outcome.reason.message.en);
      expect(await world.count(STREAM)).toBe(count);
    },
  );

  it('a referral that does not exist: rejected, not found', async () => {
    const outcome = await answer(
      'HN',
      { action: 'acknowledge', referralId: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d' },
      'req-404',
    );
    expect(outcome).toMatchObject({ outcome: 'rejected', reason: { code: 'referral.not_found' } });
  });
});
