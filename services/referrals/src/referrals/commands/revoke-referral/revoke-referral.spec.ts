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
import { SendReferralCommand } from '../send-referral/send-referral.command';
import { RevokeReferralCommand } from './revoke-referral.command';
import { RevokeReferralController } from './revoke-referral.controller';

const STREAM = referralStreamName(REFERRAL_ID);
const id = { referralId: REFERRAL_ID };
const NOTE = 'Se localizó a la madre en Tapachula.';

describe('revoke-referral: RevokeReferralCommand on the CommandBus', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
  });
  afterEach(() => world.close());

  it('the sender revokes an accepted referral with a reason code and an encrypted note (FHIR cancelled)', async () => {
    await reach(world, 'accepted');
    const view = await world.commandBus.execute(
      new RevokeReferralCommand(MX_WORKER, { ...id, reason: 'family_reunified', note: NOTE }),
    );
    expect(view).toMatchObject({ status: 'revoked', fhirStatus: 'cancelled', allowedActions: [] });
    expect((await world.events(STREAM)).at(-1)?.data).toMatchObject({
      reason: 'family_reunified',
      previousStatus: 'accepted',
    });
    await expectEncryptedNote(world, STREAM, NOTE);
  });

  it('the receiver and a third country may not revoke (403); a draft cannot be revoked (409); `other` needs a note', async () => {
    await reach(world, 'draft');
    const revoke =
      (who = MX_WORKER, reason: 'other' | 'no_longer_needed' = 'no_longer_needed') =>
      () =>
        world.commandBus.execute(new RevokeReferralCommand(who, { ...id, reason }));
    await expectRefused(world, STREAM, revoke(), { code: 'referral.invalid_transition', kind: 'conflict' });
    await world.commandBus.execute(new SendReferralCommand(MX_WORKER, id));
    await expectRefused(world, STREAM, revoke(HN_WORKER), { code: 'referral.wrong_side', kind: 'forbidden' });
    await expectRefused(world, STREAM, revoke(CR_WORKER), {
      code: 'auth.forbidden.other_country',
      kind: 'forbidden',
    });
    await expectRefused(world, STREAM, revoke(MX_WORKER, 'other'), {
      code: 'referral.note_required',
      kind: 'validation',
    });
  });
});

describe('RevokeReferralController', () => {
  it('dispatches RevokeReferralCommand with the body’s reason and note', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    await new RevokeReferralController(bus).handle(id, { reason: 'came_of_age' } as never, MX_WORKER, {});
    expect(sent).toEqual([new RevokeReferralCommand(MX_WORKER, { ...id, reason: 'came_of_age' }, {})]);
  });
});
