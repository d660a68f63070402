import { Role, type Principal } from '@crm/auth';
import { hoursAfter } from '../../../testing/hours';
import { memoryWorld } from '../../../testing/memory-world';
import { referralSteps, sendReferral } from '../../../testing/referral-history';
import { OverdueCommandsModule } from '../../../escalation/overdue-commands.module';
import { REFERRALS_SYSTEM_PRINCIPAL } from '../../../shared/system-actor';
import { timerKey } from '../../domain';
import { EscalateOverdueCommand } from './escalate-overdue.command';

const REFERRAL = '7d9e1f2a-3b4c-4d5e-9f6a-7b8c9d0e1f2a';
const STREAM = `referral-${REFERRAL}`;
const SENT_AT = '2020-07-01T08:00:00.000Z';
const ACK_DUE = hoursAfter(SENT_AT, 48);
const NEXT_DUE = hoursAfter(SENT_AT, 96);

describe('escalate-overdue: EscalateOverdueCommand on the CommandBus', () => {
  let world: Awaited<ReturnType<typeof memoryWorld>>;
  beforeEach(async () => {
    world = await memoryWorld([OverdueCommandsModule], SENT_AT);
    await sendReferral(world.deps, REFERRAL);
  });
  afterEach(() => world.close());

  const escalate = (dueAt: string, level: number, principal: Principal = REFERRALS_SYSTEM_PRINCIPAL) =>
    world.commandBus.execute(
      new EscalateOverdueCommand(
        principal,
        { referralId: REFERRAL, step: 'acknowledge', dueAt },
        { commandId: timerKey(REFERRAL, 'acknowledge', 'escalate', level, dueAt) },
      ),
    );
  const escalations = async () =>
    (await world.store.readStream(STREAM))
      .filter((e) => e.type === 'ReferralEscalated')
      .map((e) => e.data as { level: number; escalatedTo: string; nextDueAt: string | null });

  it('at the due instant: level 1 to the backup focal point with the same window again, then level 2 to the Secretariat', async () => {
    world.clock.set(ACK_DUE);
    const first = await escalate(ACK_DUE, 1);
    expect(first.deadlines.acknowledge).toMatchObject({ level: 1, dueAt: NEXT_DUE });
    world.clock.set(NEXT_DUE);
    await escalate(NEXT_DUE, 2);
    expect(await escalations()).toEqual([
      expect.objectContaining({ level: 1, escalatedTo: 'backup_focal_point', nextDueAt: NEXT_DUE }),
      expect.objectContaining({ level: 2, escalatedTo: 'secretariat', nextDueAt: null }),
    ]);
  });

  it('fired twice, or for the due instant the escalation replaced, it records once', async () => {
    world.clock.set(ACK_DUE);
    await escalate(ACK_DUE, 1);
    await escalate(ACK_DUE, 1);
    world.clock.set(NEXT_DUE);
    await world.commandBus.execute(
      new EscalateOverdueCommand(
        REFERRALS_SYSTEM_PRINCIPAL,
        { referralId: REFERRAL, step: 'acknowledge', dueAt: ACK_DUE },
        { commandId: 'another-key-for-the-old-due-instant' },
      ),
    );
    expect(await escalations()).toHaveLength(1);
  });

  it('an acknowledged, a revoked or a completed referral never escalates its acknowledgement', async () => {
    await referralSteps.acknowledge(world.deps, REFERRAL);
    world.clock.set(ACK_DUE);
    await escalate(ACK_DUE, 1);
    expect(await escalations()).toEqual([]);

    const revoked = '8e0f2a3b-4c5d-4e6f-8a7b-8c9d0e1f2a3b';
    world.clock.set(SENT_AT);
    await sendReferral(world.deps, revoked);
    await referralSteps.revoke(world.deps, revoked);
    world.clock.set(hoursAfter(SENT_AT, 500));
    for (const [step, dueAt] of [
      ['acknowledge', ACK_DUE],
      ['decide', hoursAfter(SENT_AT, 168)],
    ] as const)
      await world.commandBus.execute(
        new EscalateOverdueCommand(REFERRALS_SYSTEM_PRINCIPAL, { referralId: revoked, step, dueAt }),
      );
    expect((await world.store.readStream(`referral-${revoked}`)).map((e) => e.type)).toEqual([
      'ReferralDrafted',
      'ReferralSent',
      'ReferralRevoked',
    ]);
  });

  it('only the system principal (403 referral.system_only for a case worker); nothing is stored', async () => {
    world.clock.set(ACK_DUE);
    const worker: Principal = {
      subject: 'hn-case-worker-01',
      country: 'HN',
      institution: 'HN/DINAF',
      roles: [Role.ProtectionCaseWorker],
    };
    await expect(escalate(ACK_DUE, 1, worker)).rejects.toMatchObject({ code: 'referral.system_only' });
    expect(await escalations()).toEqual([]);
  });
});
