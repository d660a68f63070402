import type { CommandBus } from '@nestjs/cqrs';
import { referralStreamName } from '../../domain';
import { expectEncryptedNote, expectRefused, reach } from '../../testing/referral-paths';
import {
  CASE_ID,
  consentScope,
  CR_WORKER,
  HN_WORKER,
  MX_SUPERVISOR,
  MX_WORKER,
  NOW,
  REFERRAL_ID,
  referralWorld,
  type ReferralWorld,
} from '../../testing/referral-world';
import { SendReferralCommand } from './send-referral.command';
import { SendReferralController } from './send-referral.controller';

const STREAM = referralStreamName(REFERRAL_ID);
const id = { referralId: REFERRAL_ID };
const hours = (n: number) => new Date(Date.parse(NOW) + n * 3_600_000).toISOString();

describe('send-referral: SendReferralCommand on the CommandBus', () => {
  let world: ReferralWorld;
  afterEach(() => world.close());

  describe('with the child’s consent for Honduras (identity, family, health; psychosocial and family tracing)', () => {
    beforeEach(async () => {
      world = await referralWorld();
      await world.standardSetup();
      await reach(world, 'draft');
    });

    it('sends: the basis is computed from the case, the deadlines from the default policy (48 h, 168 h)', async () => {
      const view = await world.commandBus.execute(new SendReferralCommand(MX_WORKER, id));
      expect(view).toMatchObject({
        status: 'requested',
        fhirStatus: 'requested',
        basis: 'consent',
        sharedCategories: ['identity', 'family', 'health'],
        allowedActions: ['RevokeReferral', 'MarkEnteredInError'],
      });
      expect(view.deadlines.acknowledge?.dueAt).toBe(hours(48));
      expect(view.deadlines.decide?.dueAt).toBe(hours(168));
      const sent = (await world.events(STREAM)).at(-1);
      expect(sent).toMatchObject({
        type: 'ReferralSent',
        data: {
          basis: { kind: 'consent', consentIds: ['consent-1'], covered: ['identity', 'family', 'health'] },
          withheldCategories: [],
        },
      });
    });

    it('the deadlines are the country pair’s effective policy', async () => {
      await world.configureDeadlines('MX', 'HN', {
        acknowledgeWithinHours: 24,
        decideWithinHours: 72,
        withdrawalAcknowledgeWithinHours: 12,
      });
      const view = await world.commandBus.execute(new SendReferralCommand(MX_WORKER, id));
      expect(view.deadlines.acknowledge?.dueAt).toBe(hours(24));
      expect(view.deadlines.decide?.dueAt).toBe(hours(72));
    });

    it('the receiving side and a third country may not send it (403), nor a second time (409); nothing stored', async () => {
      await expectRefused(
        world,
        STREAM,
        () => world.commandBus.execute(new SendReferralCommand(HN_WORKER, id)),
        {
          code: 'referral.wrong_side',
          kind: 'forbidden',
        },
      );
      await expectRefused(
        world,
        STREAM,
        () => world.commandBus.execute(new SendReferralCommand(CR_WORKER, id)),
        {
          code: 'auth.forbidden.other_country',
          kind: 'forbidden',
        },
      );
      expect(world.audit.entries).toHaveLength(1);
      await world.commandBus.execute(new SendReferralCommand(MX_WORKER, id));
      await expectRefused(
        world,
        STREAM,
        () => world.commandBus.execute(new SendReferralCommand(MX_WORKER, id)),
        {
          code: 'referral.invalid_transition',
          kind: 'conflict',
        },
      );
    });

    it('an unknown referral is 404', async () => {
      await expect(
        world.commandBus.execute(
          new SendReferralCommand(MX_WORKER, { referralId: '0b9c7d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e' }),
        ),
      ).rejects.toMatchObject({ code: 'referral.not_found', kind: 'not_found' });
    });
  });

  describe('no sharing without consent', () => {
    beforeEach(async () => {
      world = await referralWorld();
      await world.standardSetup({ consent: false });
      await reach(world, 'draft');
    });

    it('without any consent the referral cannot be sent (422), nothing stored', async () => {
      const error = await expectRefused(
        world,
        STREAM,
        () => world.commandBus.execute(new SendReferralCommand(MX_WORKER, id)),
        { code: 'referral.consent_required', kind: 'validation' },
      );
      expect(error.text.en).toContain('override');
      expect(error.text.es).toContain('supervisión de protección');
    });

    it('a consent for another country, another purpose or withdrawn covers nothing', async () => {
      await world.recordConsent('consent-gt', consentScope({ countries: ['GT'] }));
      await world.recordConsent('consent-school', consentScope({ purpose: ['education'] }));
      await world.recordConsent('consent-old');
      await world.caseCommand({
        type: 'WithdrawConsent',
        caseId: CASE_ID,
        consentId: 'consent-old',
        reason: 'child_request',
      });
      await expectRefused(
        world,
        STREAM,
        () => world.commandBus.execute(new SendReferralCommand(MX_WORKER, id)),
        {
          code: 'referral.consent_required',
          kind: 'validation',
        },
      );
    });

    it('only what the consent covers is shared; the rest is withheld', async () => {
      await world.recordConsent('consent-identity', consentScope({ categories: ['identity'] }));
      const view = await world.commandBus.execute(new SendReferralCommand(MX_WORKER, id));
      expect(view.sharedCategories).toEqual(['identity']);
      expect((await world.events(STREAM)).at(-1)?.data).toMatchObject({
        basis: { kind: 'consent', consentIds: ['consent-identity'], covered: ['identity'] },
        withheldCategories: ['family', 'health'],
      });
    });

    it('an override is refused to a case worker (403, audited) and taken from a protection supervisor: recorded with its reason, its note encrypted', async () => {
      const override = {
        reason: 'imminent_risk' as const,
        note: 'La niña corre peligro inminente en el albergue.',
      };
      await expectRefused(
        world,
        STREAM,
        () => world.commandBus.execute(new SendReferralCommand(MX_WORKER, { ...id, override })),
        { code: 'auth.forbidden.role_not_permitted', kind: 'forbidden' },
      );
      expect(world.audit.entries.map((e) => e.operation)).toEqual(['referrals.referral.override']);
      const view = await world.commandBus.execute(
        new SendReferralCommand(MX_SUPERVISOR, { ...id, override }),
      );
      expect(view).toMatchObject({
        status: 'requested',
        basis: 'override',
        sharedCategories: ['identity', 'family', 'health'],
      });
      const sent = (await world.events(STREAM)).at(-1);
      expect(sent?.data).toMatchObject({
        basis: { kind: 'override', reason: 'imminent_risk', authorisedBy: 'protection_supervisor' },
        sentBy: MX_SUPERVISOR.subject,
      });
      await expectEncryptedNote(world, STREAM, override.note, (data) => data.basis?.note);
    });

    it('an override with the reason `other` needs its note (422)', async () => {
      await expectRefused(
        world,
        STREAM,
        () =>
          world.commandBus.execute(
            new SendReferralCommand(MX_SUPERVISOR, { ...id, override: { reason: 'other' } }),
          ),
        { code: 'referral.note_required', kind: 'validation' },
      );
    });
  });
});

describe('SendReferralController', () => {
  it('dispatches SendReferralCommand with the path’s id and the body’s override', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    const override = { reason: 'legal_order' as const };
    await new SendReferralController(bus).handle(id, { override } as never, MX_SUPERVISOR, {
      commandId: 'k',
    });
    expect(sent).toEqual([new SendReferralCommand(MX_SUPERVISOR, { ...id, override }, { commandId: 'k' })]);
  });
});
