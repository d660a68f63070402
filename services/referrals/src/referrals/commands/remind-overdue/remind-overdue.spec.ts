import { Role, type Principal } from '@crm/auth';
import { hoursAfter } from '../../../testing/hours';
import { memoryWorld } from '../../../testing/memory-world';
import { sendReferral } from '../../../testing/referral-history';
import { OverdueCommandsModule } from '../../../escalation/overdue-commands.module';
import { REFERRALS_SYSTEM_PRINCIPAL } from '../../../shared/system-actor';
import { timerKey } from '../../domain';
import { RemindOverdueCommand } from './remind-overdue.command';

const REFERRAL = '0b5e7c1a-2f3d-4a6b-8c9d-1e2f3a4b5c6d';
const STREAM = `referral-${REFERRAL}`;
const SENT_AT = '2020-07-01T08:00:00.000Z';
const ACK_DUE = hoursAfter(SENT_AT, 48);
const KEY = timerKey(REFERRAL, 'acknowledge', 'remind', 0, ACK_DUE);
const CASE_WORKER: Principal = {
  subject: 'gt-case-worker-01',
  country: 'GT',
  institution: 'GT/PGN',
  roles: [Role.ProtectionCaseWorker],
};

describe('remind-overdue: RemindOverdueCommand on the CommandBus', () => {
  let world: Awaited<ReturnType<typeof memoryWorld>>;
  beforeEach(async () => {
    world = await memoryWorld([OverdueCommandsModule], SENT_AT);
    await sendReferral(world.deps, REFERRAL); // revisions 0 (drafted) and 1 (sent)
  });
  afterEach(() => world.close());

  const remind = (options = {}, principal: Principal = REFERRALS_SYSTEM_PRINCIPAL, dueAt = ACK_DUE) =>
    world.commandBus.execute(
      new RemindOverdueCommand(principal, { referralId: REFERRAL, step: 'acknowledge', dueAt }, options),
    );
  const types = async () => (await world.store.readStream(STREAM)).map((e) => e.type);

  it('half-way through the window the system records one reminder, as the system actor', async () => {
    world.clock.set(hoursAfter(SENT_AT, 24));
    const view = await remind({ commandId: KEY, expectedRevision: 1 });
    expect(view).toMatchObject({ revision: 2, status: 'requested', side: null });
    expect(view.deadlines.acknowledge).toMatchObject({ reminders: 1, remindedDueAt: ACK_DUE });
    const [reminder] = (await world.store.readStream(STREAM)).slice(2);
    expect(reminder).toMatchObject({
      type: 'ReferralReminderSent',
      data: { step: 'acknowledge', dueAt: ACK_DUE, count: 1 },
      metadata: { actor: { subject: 'system|referrals-deadlines', role: 'system', country: 'ST' } },
    });
  });

  it('is idempotent: the same deadline key records nothing new, even after the stream moved on; another key for the same due instant decides nothing', async () => {
    world.clock.set(hoursAfter(SENT_AT, 24));
    await remind({ commandId: KEY, expectedRevision: 1 });
    const again = await remind({ commandId: KEY, expectedRevision: 1 });
    expect(again.revision).toBe(2);
    await remind({ commandId: `${KEY}#2`, expectedRevision: 2 });
    expect(await types()).toEqual(['ReferralDrafted', 'ReferralSent', 'ReferralReminderSent']);
  });

  it('decides nothing before the reminder is due, nor for a stale due instant', async () => {
    world.clock.set(hoursAfter(SENT_AT, 23));
    expect((await remind({ commandId: KEY, expectedRevision: 1 })).revision).toBe(1);
    world.clock.set(hoursAfter(SENT_AT, 30));
    await remind(
      { commandId: 'stale', expectedRevision: 1 },
      REFERRALS_SYSTEM_PRINCIPAL,
      hoursAfter(SENT_AT, 47),
    );
    expect(await types()).toEqual(['ReferralDrafted', 'ReferralSent']);
  });

  it('refuses a timer computed at an older revision (412): the referral moved since it was scheduled', async () => {
    world.clock.set(hoursAfter(SENT_AT, 24));
    await expect(remind({ commandId: KEY, expectedRevision: 0 })).rejects.toMatchObject({
      code: 'command.stale_revision',
      details: { expected: 0, actual: 1 },
    });
    expect(await types()).toEqual(['ReferralDrafted', 'ReferralSent']);
  });

  it('only the system principal itself: anyone else is refused by the domain (403), a copy of it too', async () => {
    world.clock.set(hoursAfter(SENT_AT, 24));
    for (const principal of [CASE_WORKER, { ...REFERRALS_SYSTEM_PRINCIPAL }]) {
      const refused = await remind({ commandId: KEY }, principal).catch((e) => e);
      expect(refused).toMatchObject({ code: 'referral.system_only', kind: 'forbidden' });
      expect(refused.text.es).toContain('Solo el sistema');
    }
    expect(await types()).toEqual(['ReferralDrafted', 'ReferralSent']);
  });
});
