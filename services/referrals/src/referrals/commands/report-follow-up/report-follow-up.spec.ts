import type { CommandBus } from '@nestjs/cqrs';
import { referralStreamName } from '../../domain';
import { expectEncryptedNote, expectRefused, reach } from '../../testing/referral-paths';
import {
  CR_WORKER,
  HN_WORKER,
  MX_WORKER,
  REFERRAL_ID,
  referralWorld,
  type ReferralWorld,
} from '../../testing/referral-world';
import { ReportFollowUpCommand, type ReportFollowUpInput } from './report-follow-up.command';
import { ReportFollowUpController } from './report-follow-up.controller';

const STREAM = referralStreamName(REFERRAL_ID);
const REPORT: ReportFollowUpInput = {
  referralId: REFERRAL_ID,
  followUpId: 'visit-1',
  services: ['psychosocial', 'family_tracing'],
  status: 'provided',
  note: 'La niña habló por teléfono con su madre.',
};

describe('report-follow-up: ReportFollowUpCommand on the CommandBus', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
  });
  afterEach(() => world.close());

  it('the receiver’s first follow-up starts the work (in_progress); the note is encrypted, the view has no note', async () => {
    await reach(world, 'accepted');
    const view = await world.commandBus.execute(new ReportFollowUpCommand(HN_WORKER, REPORT));
    expect(view).toMatchObject({ status: 'in_progress', fhirStatus: 'in-progress' });
    expect(view.followUps).toEqual([
      expect.objectContaining({ followUpId: 'visit-1', side: 'receiver', status: 'provided', hasNote: true }),
    ]);
    expect(JSON.stringify(view)).not.toContain(REPORT.note);
    expect((await world.events(STREAM)).slice(-2).map((e) => e.type)).toEqual([
      'ReferralStarted',
      'FollowUpReported',
    ]);
    await expectEncryptedNote(world, STREAM, REPORT.note!);
  });

  it('the sender reports too, without changing the status; the same id again with another report is refused (409)', async () => {
    await reach(world, 'accepted');
    const view = await world.commandBus.execute(
      new ReportFollowUpCommand(MX_WORKER, {
        ...REPORT,
        followUpId: 'mx-1',
        note: undefined,
        status: 'planned',
      }),
    );
    expect(view).toMatchObject({ status: 'accepted', side: 'sender' });
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new ReportFollowUpCommand(MX_WORKER, { ...REPORT, followUpId: 'mx-1' })),
      { code: 'referral.follow_up_exists', kind: 'conflict' },
    );
  });

  it('a retry with the same Idempotency-Key records nothing new (the note is not encrypted twice into a conflict)', async () => {
    await reach(world, 'accepted');
    await world.commandBus.execute(new ReportFollowUpCommand(HN_WORKER, REPORT, { commandId: 'fu-1' }));
    const count = await world.count(STREAM);
    const again = await world.commandBus.execute(
      new ReportFollowUpCommand(HN_WORKER, REPORT, { commandId: 'fu-1' }),
    );
    expect(again.status).toBe('in_progress');
    expect(await world.count(STREAM)).toBe(count);
  });

  it('not before acceptance (409), not by a third country (403)', async () => {
    await reach(world, 'requested');
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new ReportFollowUpCommand(HN_WORKER, REPORT)),
      {
        code: 'referral.invalid_transition',
        kind: 'conflict',
      },
    );
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new ReportFollowUpCommand(CR_WORKER, REPORT)),
      {
        code: 'auth.forbidden.other_country',
        kind: 'forbidden',
      },
    );
  });
});

describe('ReportFollowUpController', () => {
  it('dispatches ReportFollowUpCommand with the body', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    const { referralId, ...body } = REPORT;
    await new ReportFollowUpController(bus).handle({ referralId }, body as never, HN_WORKER, {});
    expect(sent).toEqual([new ReportFollowUpCommand(HN_WORKER, REPORT, {})]);
  });
});
