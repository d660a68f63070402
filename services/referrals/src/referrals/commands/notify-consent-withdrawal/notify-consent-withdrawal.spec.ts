import { referralStreamName } from '../../domain';
import { reach } from '../../testing/referral-paths';
import { NOW, REFERRAL_ID, referralWorld, type ReferralWorld } from '../../testing/referral-world';
import { NotifyConsentWithdrawalCommand } from './notify-consent-withdrawal.command';
import { CONSENT_PROCESS_SUBJECT } from './notify-consent-withdrawal.handler';

const STREAM = referralStreamName(REFERRAL_ID);
const hours = (n: number) => new Date(Date.parse(NOW) + n * 3_600_000).toISOString();
const notice = (categories: Array<'health' | 'family' | 'narrative'> = ['health'], consentId = 'consent-1') =>
  new NotifyConsentWithdrawalCommand(
    { referralId: REFERRAL_ID, consentId, categories },
    { commandId: 'case-event-1' },
  );

describe('notify-consent-withdrawal: NotifyConsentWithdrawalCommand on the CommandBus (system only)', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
    await reach(world, 'accepted');
  });
  afterEach(() => world.close());

  it('records the notice as the consent process, with the default 48 h to acknowledge', async () => {
    const view = await world.commandBus.execute(notice());
    expect(view.withdrawnCategories).toEqual(['health']);
    expect(view.pendingWithdrawals).toEqual([
      expect.objectContaining({ consentId: 'consent-1', categories: ['health'], acknowledgeBy: hours(48) }),
    ]);
    const stored = (await world.store.readStream(STREAM)).at(-1);
    expect(stored?.metadata.actor).toMatchObject({ subject: CONSENT_PROCESS_SUBJECT, role: 'system' });
    expect(stored?.metadata.countries.sort()).toEqual(['HN', 'MX']);
  });

  it('the pair’s policy sets the window; the same command id again records nothing', async () => {
    await world.configureDeadlines('MX', 'HN', {
      acknowledgeWithinHours: 48,
      decideWithinHours: 168,
      withdrawalAcknowledgeWithinHours: 6,
    });
    await world.commandBus.execute(notice());
    const count = await world.count(STREAM);
    const again = await world.commandBus.execute(notice());
    expect(again.pendingWithdrawals[0]?.acknowledgeBy).toBe(hours(6));
    expect(await world.count(STREAM)).toBe(count);
  });

  it('another consent, or categories not shared, record nothing', async () => {
    const before = await world.count(STREAM);
    await world.commandBus.execute(
      new NotifyConsentWithdrawalCommand({
        referralId: REFERRAL_ID,
        consentId: 'consent-9',
        categories: ['health'],
      }),
    );
    await world.commandBus.execute(
      new NotifyConsentWithdrawalCommand({
        referralId: REFERRAL_ID,
        consentId: 'consent-1',
        categories: ['narrative'],
      }),
    );
    expect(await world.count(STREAM)).toBe(before);
  });
});
