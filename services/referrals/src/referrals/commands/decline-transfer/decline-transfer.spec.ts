import type { CommandBus } from '@nestjs/cqrs';
import { referralStreamName } from '../../domain';
import { expectEncryptedNote, expectRefused, reach } from '../../testing/referral-paths';
import {
  CR_WORKER,
  GT_WORKER,
  HN_WORKER,
  REFERRAL_ID,
  referralWorld,
  TO,
  TRANSFER_TO,
  type ReferralWorld,
} from '../../testing/referral-world';
import { RequestTransferCommand } from '../request-transfer/request-transfer.command';
import { DeclineTransferCommand } from './decline-transfer.command';
import { DeclineTransferController } from './decline-transfer.controller';

const STREAM = referralStreamName(REFERRAL_ID);
const ids = { referralId: REFERRAL_ID, transferId: 'transfer-1' };
const NOTE = 'No encontramos al padre en la dirección indicada.';

describe('decline-transfer: DeclineTransferCommand on the CommandBus', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
    await reach(world, 'accepted');
    await world.commandBus.execute(
      new RequestTransferCommand(HN_WORKER, { ...ids, to: { ...TRANSFER_TO }, reason: 'family_located' }),
    );
  });
  afterEach(() => world.close());

  it('Guatemala declines with a reason and an encrypted note; Honduras keeps the referral', async () => {
    const view = await world.commandBus.execute(
      new DeclineTransferCommand(GT_WORKER, { ...ids, reason: 'child_not_found', note: NOTE }),
    );
    expect(view).toMatchObject({ status: 'accepted', to: TO, pendingTransfer: null, side: null });
    await expectEncryptedNote(world, STREAM, NOTE);
  });

  it('the receiver and a third country may not (403); once answered there is nothing to decline (409)', async () => {
    const decline =
      (who = GT_WORKER) =>
      () =>
        world.commandBus.execute(new DeclineTransferCommand(who, { ...ids, reason: 'no_capacity' }));
    await expectRefused(world, STREAM, decline(HN_WORKER), {
      code: 'referral.wrong_side',
      kind: 'forbidden',
    });
    await expectRefused(world, STREAM, decline(CR_WORKER), {
      code: 'auth.forbidden.other_country',
      kind: 'forbidden',
    });
    await decline()();
    await expectRefused(world, STREAM, decline(HN_WORKER), {
      code: 'referral.invalid_transition',
      kind: 'conflict',
    });
  });
});

describe('DeclineTransferController', () => {
  it('dispatches DeclineTransferCommand with the path’s ids and the body', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    await new DeclineTransferController(bus).handle(ids, { reason: 'no_capacity' } as never, GT_WORKER, {});
    expect(sent).toEqual([new DeclineTransferCommand(GT_WORKER, { ...ids, reason: 'no_capacity' }, {})]);
  });
});
