import type { CommandBus } from '@nestjs/cqrs';
import { referralStreamName } from '../../domain';
import { expectRefused, reach } from '../../testing/referral-paths';
import {
  CR_WORKER,
  HN_WORKER,
  MX_WORKER,
  REFERRAL_ID,
  referralWorld,
  type ReferralWorld,
} from '../../testing/referral-world';
import { SendReferralCommand } from '../send-referral/send-referral.command';
import { UpdateDraftCommand } from './update-draft.command';
import { UpdateDraftController } from './update-draft.controller';

const STREAM = referralStreamName(REFERRAL_ID);
const id = { referralId: REFERRAL_ID };

describe('update-draft: UpdateDraftCommand on the CommandBus', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
    await reach(world, 'draft');
  });
  afterEach(() => world.close());

  it('amends the draft (another active Honduran institution, fewer categories); the same again records nothing', async () => {
    await world.registerInstitution('HN-DINAF', 'HN');
    const to = { country: 'HN' as const, institutionId: 'HN-DINAF' };
    const view = await world.commandBus.execute(
      new UpdateDraftCommand(MX_WORKER, { ...id, to, categories: ['identity'], urgency: 'routine' }),
    );
    expect(view).toMatchObject({
      status: 'draft',
      to,
      categories: ['identity'],
      urgency: 'routine',
      revision: 1,
    });
    const again = await world.commandBus.execute(
      new UpdateDraftCommand(MX_WORKER, { ...id, urgency: 'routine' }),
    );
    expect(again.revision).toBe(1);
  });

  it('a new receiving institution must be in the directory and active (422 / 409)', async () => {
    await expectRefused(
      world,
      STREAM,
      () =>
        world.commandBus.execute(
          new UpdateDraftCommand(MX_WORKER, { ...id, to: { country: 'HN', institutionId: 'HN-NADIE' } }),
        ),
      { code: 'referral.unknown_institution', kind: 'validation' },
    );
    await world.registerInstitution('GT-CERRADA', 'GT', { deactivate: true });
    await expectRefused(
      world,
      STREAM,
      () =>
        world.commandBus.execute(
          new UpdateDraftCommand(MX_WORKER, { ...id, to: { country: 'GT', institutionId: 'GT-CERRADA' } }),
        ),
      { code: 'referral.institution_inactive', kind: 'conflict' },
    );
  });

  it('the receiver and a third country may not amend it (403); a sent referral cannot be amended (409); an empty amendment is 422', async () => {
    const urgency = { ...id, urgency: 'routine' as const };
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new UpdateDraftCommand(HN_WORKER, urgency)),
      {
        code: 'referral.wrong_side',
        kind: 'forbidden',
      },
    );
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new UpdateDraftCommand(CR_WORKER, urgency)),
      {
        code: 'auth.forbidden.other_country',
        kind: 'forbidden',
      },
    );
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new UpdateDraftCommand(MX_WORKER, id)),
      {
        code: 'referral.empty_update',
        kind: 'validation',
      },
    );
    await world.commandBus.execute(new SendReferralCommand(MX_WORKER, id));
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new UpdateDraftCommand(MX_WORKER, urgency)),
      {
        code: 'referral.invalid_transition',
        kind: 'conflict',
      },
    );
  });
});

describe('UpdateDraftController', () => {
  it('dispatches UpdateDraftCommand with the body’s fields', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    await new UpdateDraftController(bus).handle(id, { urgency: 'routine' }, MX_WORKER, {
      expectedRevision: 0,
    });
    expect(sent).toEqual([
      new UpdateDraftCommand(MX_WORKER, { ...id, urgency: 'routine' }, { expectedRevision: 0 }),
    ]);
  });
});
