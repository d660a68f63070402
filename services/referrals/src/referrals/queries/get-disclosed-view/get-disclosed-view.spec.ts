import type { QueryBus } from '@nestjs/cqrs';
import { piiAccessStream } from '@crm/pii';
import { AcknowledgeConsentWithdrawalCommand } from '../../commands/acknowledge-consent-withdrawal/acknowledge-consent-withdrawal.command';
import { NotifyConsentWithdrawalCommand } from '../../commands/notify-consent-withdrawal/notify-consent-withdrawal.command';
import { SendReferralCommand } from '../../commands/send-referral/send-referral.command';
import { UpdateDraftCommand } from '../../commands/update-draft/update-draft.command';
import { ReferralSettingsModule } from '../../referral-settings';
import { reach } from '../../testing/referral-paths';
import {
  CASE_ID,
  CHILD,
  consentScope,
  COORDINATOR,
  CR_WORKER,
  HN_CONSUL,
  HN_WORKER,
  MX_SUPERVISOR,
  MX_WORKER,
  principal,
  REFERRAL_ID,
  referralWorld,
  type ReferralWorld,
} from '../../testing/referral-world';
import { GetDisclosedViewController } from './get-disclosed-view.controller';
import { GetDisclosedViewQuery } from './get-disclosed-view.query';

const id = { referralId: REFERRAL_ID };
const view = (
  world: ReferralWorld,
  who = HN_WORKER,
  purpose: 'psychosocial' | 'family_tracing' | 'education' = 'psychosocial',
) => world.queryBus.execute(new GetDisclosedViewQuery(who, REFERRAL_ID, purpose));
const HN_SUPERVISOR = principal('hn.protection_supervisor');

describe('get-disclosed-view: the receiving institution’s view of the case', () => {
  let world: ReferralWorld;
  afterEach(() => world.close());

  describe('under the child’s consent', () => {
    beforeEach(async () => {
      world = await referralWorld();
      await world.standardSetup();
      await reach(world, 'accepted');
    });

    it('discloses what the referral shared and the consent covers, reveals only those identifying fields, and logs the view', async () => {
      const disclosed = await view(world);
      expect(disclosed.categories).toMatchObject({
        identity: { status: 'disclosed' },
        family: { status: 'disclosed' },
        health: { status: 'disclosed' },
        narrative: { status: 'withheld', reason: 'not_requested' },
        assessments: { status: 'withheld', reason: 'not_requested' },
      });
      expect(disclosed).toMatchObject({
        basis: 'consent',
        consentIds: ['consent-1'],
        override: null,
        identifyingRevealed: true,
      });
      expect(disclosed.identifying).toEqual({
        givenNames: CHILD.givenNames,
        familyNames: CHILD.familyNames,
        dateOfBirth: CHILD.dateOfBirth,
        familyContacts: CHILD.familyContacts,
      });
      expect(JSON.stringify(disclosed)).not.toContain(CHILD.notes);
      expect(disclosed.indicators).toHaveProperty('healthNeeds');
      expect(disclosed.bestInterests).toEqual([]);
      const log = await world.events(piiAccessStream(CASE_ID));
      expect(log).toEqual([
        expect.objectContaining({
          type: 'PersonalDataViewed',
          data: expect.objectContaining({
            caseId: CASE_ID,
            purpose: `referral ${REFERRAL_ID} disclosed view (psychosocial)`,
            viewer: expect.objectContaining({ subject: HN_WORKER.subject, country: 'HN' }),
            outcome: 'revealed',
          }),
        }),
      ]);
    });

    it('the purpose must be one of the referral’s requested services (422)', async () => {
      expect((await view(world, HN_WORKER, 'family_tracing')).categories.identity).toEqual({
        status: 'disclosed',
      });
      await expect(view(world, HN_WORKER, 'education')).rejects.toMatchObject({
        code: 'referral.invalid_purpose',
        kind: 'validation',
      });
    });

    it('a consular officer sees only its role’s categories; a supervisor sees the categories but no plaintext', async () => {
      const consul = await view(world, HN_CONSUL);
      expect(consul.categories).toMatchObject({
        identity: { status: 'disclosed' },
        health: { status: 'withheld', reason: 'not_for_role' },
      });
      expect(consul.indicators).not.toHaveProperty('healthNeeds');
      const supervisor = await view(world, HN_SUPERVISOR);
      expect(supervisor).toMatchObject({ identifyingRevealed: false, identifying: {} });
      expect(supervisor.revealableFields).toContain('givenNames');
    });

    it('refused to the sender (not the recipient), a third country and the Secretariat (403, audited)', async () => {
      await expect(view(world, MX_WORKER)).rejects.toMatchObject({
        code: 'referral.not_recipient',
        kind: 'forbidden',
      });
      await expect(view(world, CR_WORKER)).rejects.toMatchObject({ code: 'auth.forbidden.other_country' });
      await expect(view(world, COORDINATOR)).rejects.toMatchObject({
        code: 'auth.forbidden.role_not_permitted',
      });
      expect(world.audit.entries.map((e) => e.principal?.country)).toEqual(['CR', 'ST']);
      expect(await world.events(piiAccessStream(CASE_ID))).toEqual([]);
    });

    it('a withdrawal: notified, acknowledged, and the later views refuse the withdrawn data', async () => {
      await world.caseCommand({
        type: 'NarrowConsent',
        caseId: CASE_ID,
        consentId: 'consent-1',
        scope: consentScope({ categories: ['identity', 'indicators', 'health', 'assessments'] }),
      });
      const direct = await view(world);
      expect(direct.categories.family).toEqual({ status: 'withdrawn' });
      expect(direct.identifying).not.toHaveProperty('familyContacts');
      await world.commandBus.execute(
        new NotifyConsentWithdrawalCommand({ ...id, consentId: 'consent-1', categories: ['family'] }),
      );
      await world.commandBus.execute(new AcknowledgeConsentWithdrawalCommand(HN_WORKER, id));
      const later = await view(world);
      expect(later.categories).toMatchObject({
        family: { status: 'withdrawn' },
        identity: { status: 'disclosed' },
      });
      expect(later.identifying).not.toHaveProperty('familyContacts');
      expect(JSON.stringify(later)).not.toContain(CHILD.familyContacts);
    });
  });

  it('prior best-interests assessments are shown under consent, recommendations revealed; interviews counted, warned from the threshold', async () => {
    world = await referralWorld();
    await world.standardSetup();
    await world.recordAssessment('bia-1', 'Reunificación con la tía en San Pedro Sula.');
    for (const i of [1, 2, 3]) await world.recordInterview(`interview-${i}`);
    await reach(world, 'draft');
    await world.commandBus.execute(
      new UpdateDraftCommand(MX_WORKER, { ...id, categories: ['identity', 'assessments'] }),
    );
    await world.commandBus.execute(new SendReferralCommand(MX_WORKER, id));
    const disclosed = await view(world);
    expect(disclosed.categories.assessments).toEqual({ status: 'disclosed' });
    expect(disclosed.bestInterests).toEqual([
      expect.objectContaining({
        recordId: 'bia-1',
        kind: 'assessment',
        recommendations: 'Reunificación con la tía en San Pedro Sula.',
      }),
    ]);
    expect(disclosed.interviews).toMatchObject({
      count: 3,
      threshold: 3,
      records: expect.arrayContaining([expect.anything()]),
    });
    expect(disclosed.interviews.warning?.text.en).toContain('3 times');
  });

  it('the threshold is configurable (REFERRALS_INTERVIEW_WARNING_THRESHOLD): 3 interviews under a threshold of 5 warn of nothing', async () => {
    world = await referralWorld(undefined, [
      ReferralSettingsModule.fromEnv({ REFERRALS_INTERVIEW_WARNING_THRESHOLD: '5' }),
    ]);
    await world.standardSetup();
    for (const i of [1, 2, 3]) await world.recordInterview(`interview-${i}`);
    await reach(world, 'requested');
    const disclosed = await view(world);
    expect(disclosed.interviews).toEqual({ count: 3, threshold: 5, warning: null, records: [] });
    expect(() => ReferralSettingsModule.fromEnv({ REFERRALS_INTERVIEW_WARNING_THRESHOLD: '0' })).toThrow(
      /REFERRALS_INTERVIEW_WARNING_THRESHOLD/,
    );
  });

  it('under an override the recipient sees that the data came without consent: the reason, its note and who authorised it', async () => {
    world = await referralWorld();
    await world.standardSetup({ consent: false });
    await reach(world, 'draft');
    const note = 'Riesgo de trata: el adulto que la acompaña no es familiar.';
    await world.commandBus.execute(
      new SendReferralCommand(MX_SUPERVISOR, { ...id, override: { reason: 'imminent_risk', note } }),
    );
    const disclosed = await view(world);
    expect(disclosed).toMatchObject({
      basis: 'override',
      consentIds: [],
      override: { reason: 'imminent_risk', authorisedBy: 'protection_supervisor', note },
      categories: { identity: { status: 'disclosed' }, family: { status: 'disclosed' } },
    });
    expect(disclosed.override?.reasonLabel.en).toContain('Imminent risk');
  });

  it('a consent covers named purposes only: for a requested purpose it does not name, nothing is disclosed', async () => {
    world = await referralWorld();
    await world.standardSetup({ consent: false });
    await world.recordConsent('consent-psy', consentScope({ purpose: ['psychosocial'] }));
    await reach(world, 'requested');
    expect((await view(world, HN_WORKER, 'psychosocial')).categories.identity).toEqual({
      status: 'disclosed',
    });
    const forTracing = await view(world, HN_WORKER, 'family_tracing');
    expect(forTracing.categories.identity).toEqual({ status: 'withheld', reason: 'not_covered' });
    expect(forTracing.identifying).toEqual({});
  });

  it('a draft shares nothing yet (409)', async () => {
    world = await referralWorld();
    await world.standardSetup();
    await reach(world, 'draft');
    await expect(view(world)).rejects.toMatchObject({ code: 'referral.not_sent', kind: 'conflict' });
  });

  it('the controller dispatches GetDisclosedViewQuery with the purpose of the query string', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (q: unknown) => sent.push(q) } as unknown as QueryBus;
    await new GetDisclosedViewController(bus).view(id, { purpose: 'psychosocial' }, HN_WORKER);
    expect(sent).toEqual([new GetDisclosedViewQuery(HN_WORKER, REFERRAL_ID, 'psychosocial')]);
  });
});
