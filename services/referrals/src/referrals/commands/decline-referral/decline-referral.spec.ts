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
import { AcceptReferralCommand } from '../accept-referral/accept-referral.command';
import { DeclineReferralCommand } from './decline-referral.command';
import { DeclineReferralController } from './decline-referral.controller';

const STREAM = referralStreamName(REFERRAL_ID);
const id = { referralId: REFERRAL_ID };
const NOTE = 'La niña ya no está en Honduras; su tía la llevó a Guatemala.';

describe('decline-referral: DeclineReferralCommand on the CommandBus', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
    await reach(world, 'acknowledged');
  });
  afterEach(() => world.close());

  it('the receiver declines with a reason code; the note is stored encrypted under the child’s key only', async () => {
    const view = await world.commandBus.execute(
      new DeclineReferralCommand(HN_WORKER, { ...id, reason: 'child_not_found', note: NOTE }),
    );
    expect(view).toMatchObject({
      status: 'declined',
      fhirStatus: 'rejected',
      declineReason: 'child_not_found',
    });
    expect(JSON.stringify(view)).not.toContain(NOTE);
    await expectEncryptedNote(world, STREAM, NOTE);
  });

  it('without a note the event says so; `other` needs one (422)', async () => {
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new DeclineReferralCommand(HN_WORKER, { ...id, reason: 'other' })),
      { code: 'referral.note_required', kind: 'validation' },
    );
    await expectRefused(
      world,
      STREAM,
      () =>
        world.commandBus.execute(
          new DeclineReferralCommand(HN_WORKER, { ...id, reason: 'other', note: '  ' }),
        ),
      { code: 'referral.invalid_note', kind: 'validation' },
    );
    await world.commandBus.execute(new DeclineReferralCommand(HN_WORKER, { ...id, reason: 'no_capacity' }));
    expect((await world.events(STREAM)).at(-1)?.data).toMatchObject({ reason: 'no_capacity', note: null });
  });

  it('the sender and a third country may not decline (403); an accepted referral cannot be (409)', async () => {
    const decline =
      (who = HN_WORKER) =>
      () =>
        world.commandBus.execute(
          new DeclineReferralCommand(who, { ...id, reason: 'no_capacity', note: NOTE }),
        );
    await expectRefused(world, STREAM, decline(MX_WORKER), {
      code: 'referral.wrong_side',
      kind: 'forbidden',
    });
    await expectRefused(world, STREAM, decline(CR_WORKER), {
      code: 'auth.forbidden.other_country',
      kind: 'forbidden',
    });
    await world.commandBus.execute(new AcceptReferralCommand(HN_WORKER, id));
    await expectRefused(world, STREAM, decline(), { code: 'referral.invalid_transition', kind: 'conflict' });
  });
});

describe('DeclineReferralController', () => {
  it('dispatches DeclineReferralCommand with the body’s reason and note', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    await new DeclineReferralController(bus).handle(
      id,
      { reason: 'other', note: 'x' } as never,
      HN_WORKER,
      {},
    );
    expect(sent).toEqual([new DeclineReferralCommand(HN_WORKER, { ...id, reason: 'other', note: 'x' }, {})]);
  });
});
