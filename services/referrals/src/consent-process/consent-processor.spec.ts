import { AcknowledgeConsentWithdrawalCommand } from '../referrals/commands/acknowledge-consent-withdrawal/acknowledge-consent-withdrawal.command';
import { DraftReferralCommand } from '../referrals/commands/draft-referral/draft-referral.command';
import { SendReferralCommand } from '../referrals/commands/send-referral/send-referral.command';
import { GetDisclosedViewQuery } from '../referrals/queries/get-disclosed-view/get-disclosed-view.query';
import { referralStreamName } from '../referrals/domain';
import { DRAFT } from '../referrals/testing/referral-paths';
import {
  CASE_ID,
  CHILD,
  consentScope,
  GT_WORKER,
  HN_WORKER,
  MX_WORKER,
  REFERRAL_ID,
  referralWorld,
  TRANSFER_TO,
  type ReferralWorld,
} from '../referrals/testing/referral-world';
import { CONSENT_PROCESS_EVENT_TYPES, ConsentProcessor } from './consent-processor';
import { memoryCaseReferrals } from './testing/memory-case-referrals';

const TO_GT_ID = '0b9c7d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';

describe('the consent process: a withdrawal reaches every recipient, who acknowledges it and then sees no more', () => {
  let world: ReferralWorld;
  let table: ReturnType<typeof memoryCaseReferrals>;
  let processor: ConsentProcessor;
  /** Feeds the processor every event it follows, in global order, as the projection runner would. */
  const catchUp = async () => {
    for (const event of await world.store.readAll({ filter: { eventTypes: CONSENT_PROCESS_EVENT_TYPES } }))
      await processor.handle(event, table);
  };

  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup({ consent: false });
    await world.recordConsent('consent-1', consentScope({ countries: ['HN', 'GT'] }));
    table = memoryCaseReferrals();
    processor = new ConsentProcessor(world.store, (command) => world.commandBus.execute(command));
    await world.commandBus.execute(new DraftReferralCommand(MX_WORKER, DRAFT));
    await world.commandBus.execute(new SendReferralCommand(MX_WORKER, { referralId: REFERRAL_ID }));
    await world.commandBus.execute(
      new DraftReferralCommand(MX_WORKER, { ...DRAFT, referralId: TO_GT_ID, to: { ...TRANSFER_TO } }),
    );
    await world.commandBus.execute(new SendReferralCommand(MX_WORKER, { referralId: TO_GT_ID }));
  });
  afterEach(() => world.close());

  it('remembers the case’s referrals from their drafts', async () => {
    await catchUp();
    expect(await table.referralsOf(CASE_ID)).toEqual([REFERRAL_ID, TO_GT_ID].sort());
  });

  it('narrowing the consent notifies both recipients once, with the policy’s deadline; a redelivery records nothing', async () => {
    await world.caseCommand({
      type: 'NarrowConsent',
      caseId: CASE_ID,
      consentId: 'consent-1',
      scope: consentScope({
        countries: ['HN', 'GT'],
        categories: ['identity', 'indicators', 'health', 'assessments'],
      }),
    });
    await catchUp();
    for (const id of [REFERRAL_ID, TO_GT_ID]) {
      const notified = (await world.events(referralStreamName(id))).at(-1);
      expect(notified).toMatchObject({
        type: 'ConsentWithdrawalNotified',
        data: { consentId: 'consent-1', categories: ['family'], acknowledgeBy: '2020-07-03T12:00:00.000Z' },
      });
    }
    const recorded = (await world.store.readStream(referralStreamName(REFERRAL_ID))).at(-1)!;
    const [narrowed] = await world.store.readAll({ filter: { eventTypes: ['ConsentNarrowed'] } });
    expect(recorded.metadata.causationId).toBe(narrowed!.metadata.eventId);
    const counts = async () => [
      await world.count(referralStreamName(REFERRAL_ID)),
      await world.count(referralStreamName(TO_GT_ID)),
    ];
    const before = await counts();
    await catchUp();
    expect(await counts()).toEqual(before);
  });

  it('each recipient acknowledges; their later views refuse the withdrawn data', async () => {
    await world.caseCommand({
      type: 'WithdrawConsent',
      caseId: CASE_ID,
      consentId: 'consent-1',
      reason: 'child_request',
    });
    await catchUp();
    for (const [id, worker] of [
      [REFERRAL_ID, HN_WORKER],
      [TO_GT_ID, GT_WORKER],
    ] as const) {
      const view = await world.commandBus.execute(
        new AcknowledgeConsentWithdrawalCommand(worker, { referralId: id }),
      );
      expect(view).toMatchObject({
        withdrawnCategories: ['identity', 'family', 'health'],
        pendingWithdrawals: [],
      });
      const disclosed = await world.queryBus.execute(new GetDisclosedViewQuery(worker, id, 'psychosocial'));
      expect(disclosed.categories).toMatchObject({
        identity: { status: 'withdrawn' },
        family: { status: 'withdrawn' },
        health: { status: 'withdrawn' },
      });
      expect(disclosed.identifying).toEqual({});
      expect(JSON.stringify(disclosed)).not.toContain(CHILD.givenNames);
    }
  });
});
