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
import { MarkEnteredInErrorCommand } from './mark-entered-in-error.command';
import { MarkEnteredInErrorController } from './mark-entered-in-error.controller';

const STREAM = referralStreamName(REFERRAL_ID);
const id = { referralId: REFERRAL_ID };

describe('mark-entered-in-error: MarkEnteredInErrorCommand on the CommandBus', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
  });
  afterEach(() => world.close());

  it('the sender marks a draft entered in error; the note is encrypted', async () => {
    await reach(world, 'draft');
    const note = 'Se eligió el expediente del hermano.';
    const view = await world.commandBus.execute(
      new MarkEnteredInErrorCommand(MX_WORKER, { ...id, reason: 'other', note }),
    );
    expect(view).toMatchObject({ status: 'entered_in_error', fhirStatus: 'entered-in-error' });
    await expectEncryptedNote(world, STREAM, note);
  });

  it('the receiver and a third country may not (403); an accepted referral cannot be (409)', async () => {
    await reach(world, 'accepted');
    const mark =
      (who = MX_WORKER) =>
      () =>
        world.commandBus.execute(new MarkEnteredInErrorCommand(who, { ...id, reason: 'duplicate' }));
    await expectRefused(world, STREAM, mark(), { code: 'referral.invalid_transition', kind: 'conflict' });
    await expectRefused(world, STREAM, mark(HN_WORKER), {
      code: 'referral.invalid_transition',
      kind: 'conflict',
    });
    await expectRefused(world, STREAM, mark(CR_WORKER), {
      code: 'auth.forbidden.other_country',
      kind: 'forbidden',
    });
  });

  it('on a requested referral only the sender may (403 for the receiver)', async () => {
    await reach(world, 'requested');
    await expectRefused(
      world,
      STREAM,
      () =>
        world.commandBus.execute(new MarkEnteredInErrorCommand(HN_WORKER, { ...id, reason: 'duplicate' })),
      { code: 'referral.wrong_side', kind: 'forbidden' },
    );
    const view = await world.commandBus.execute(
      new MarkEnteredInErrorCommand(MX_WORKER, { ...id, reason: 'duplicate' }),
    );
    expect(view.status).toBe('entered_in_error');
  });
});

describe('MarkEnteredInErrorController', () => {
  it('dispatches MarkEnteredInErrorCommand with the body’s reason', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    await new MarkEnteredInErrorController(bus).handle(id, { reason: 'test_record' } as never, MX_WORKER, {});
    expect(sent).toEqual([new MarkEnteredInErrorCommand(MX_WORKER, { ...id, reason: 'test_record' }, {})]);
  });
});
