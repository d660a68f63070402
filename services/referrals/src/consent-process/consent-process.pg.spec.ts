import { CommandBus } from '@nestjs/cqrs';
import { fixedClock } from '@crm/kernel';
import type { PersonalDataProtector } from '@crm/pii';
import { PERSONAL_DATA } from '@crm/service-kit';
import type { TestService } from '@crm/service-testing';
import { startTestReferralsService } from '../../test/support';
import { DraftReferralCommand } from '../referrals/commands/draft-referral/draft-referral.command';
import { SendReferralCommand } from '../referrals/commands/send-referral/send-referral.command';
import { referralStreamName } from '../referrals/domain';
import { DRAFT } from '../referrals/testing/referral-paths';
import {
  CASE_ID,
  consentScope,
  MX_WORKER,
  NOW,
  REFERRAL_ID,
  referralSeeder,
} from '../referrals/testing/seed';
import { CASE_REFERRALS_TABLE } from './case-referrals.entity';
import { ConsentProcessModule } from './consent-process.module';

const STREAM = referralStreamName(REFERRAL_ID);

/** Waits until `check` holds (the projection runs on its own), or fails after `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting for the consent process');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('consent process on the running service (real PostgreSQL, ProjectionRunner, CommandBus)', () => {
  let t: TestService;
  const types = async () => (await t.service.platform.store.readStream(STREAM)).map((e) => e.type);

  beforeAll(async () => {
    t = await startTestReferralsService({ clock: fixedClock(NOW), features: [ConsentProcessModule] });
    const seed = referralSeeder({
      store: t.service.platform.store,
      clock: t.service.platform.clock,
      protector: t.service.app.get<PersonalDataProtector>(PERSONAL_DATA),
    });
    await seed.standardSetup();
    const bus = t.service.app.get(CommandBus);
    await bus.execute(new DraftReferralCommand(MX_WORKER, DRAFT));
    await bus.execute(new SendReferralCommand(MX_WORKER, { referralId: REFERRAL_ID }));
    await eventually(
      async () => (await t.pool.query(`SELECT 1 FROM ${CASE_REFERRALS_TABLE}`)).rowCount === 1,
    );
    await seed.caseCommand({
      type: 'NarrowConsent',
      caseId: CASE_ID,
      consentId: 'consent-1',
      scope: consentScope({ categories: ['identity', 'indicators', 'health', 'assessments'] }),
    });
  });
  afterAll(() => t?.stop());

  it('keeps the case’s referrals in referrals_read.case_referrals (ids only)', async () => {
    const { rows } = await t.pool.query(`SELECT referral_id, case_id FROM ${CASE_REFERRALS_TABLE}`);
    expect(rows).toEqual([{ referral_id: REFERRAL_ID, case_id: CASE_ID }]);
  });

  it('a narrowed consent is notified to the referral by the process, once', async () => {
    await eventually(async () => (await types()).includes('ConsentWithdrawalNotified'));
    const notified = (await t.service.platform.store.readStream(STREAM)).at(-1)!;
    expect(notified.data).toMatchObject({ consentId: 'consent-1', categories: ['family'] });
    expect(notified.metadata.actor).toMatchObject({ subject: 'system|referrals-consent', role: 'system' });
    await new Promise((r) => setTimeout(r, 300));
    expect((await types()).filter((type) => type === 'ConsentWithdrawalNotified')).toHaveLength(1);
  });
});
