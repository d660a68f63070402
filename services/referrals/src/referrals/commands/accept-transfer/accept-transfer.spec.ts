import type { CommandBus } from '@nestjs/cqrs';
import type { Principal } from '@crm/auth';
import { referralStreamName } from '../../domain';
import { expectRefused, reach } from '../../testing/referral-paths';
import {
  GT_WORKER,
  HN_WORKER,
  REFERRAL_ID,
  referralWorld,
  TO,
  TRANSFER_TO,
  type ReferralWorld,
} from '../../testing/referral-world';
import { RequestTransferCommand } from '../request-transfer/request-transfer.command';
import { AcceptTransferCommand } from './accept-transfer.command';
import { AcceptTransferController } from './accept-transfer.controller';

const STREAM = referralStreamName(REFERRAL_ID);
const ids = { referralId: REFERRAL_ID, transferId: 'transfer-1' };
const GT_OTHER: Principal = { ...GT_WORKER, subject: 'dev|gt.sbs', institution: 'GT/SBS' };

describe('accept-transfer: AcceptTransferCommand on the CommandBus', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
    await reach(world, 'in_progress');
    await world.commandBus.execute(
      new RequestTransferCommand(HN_WORKER, { ...ids, to: { ...TRANSFER_TO }, reason: 'child_moved' }),
    );
  });
  afterEach(() => world.close());

  it('Guatemala’s institution takes the referral over: it is the receiver now, Honduras a previous one', async () => {
    const view = await world.commandBus.execute(new AcceptTransferCommand(GT_WORKER, ids));
    expect(view).toMatchObject({
      status: 'accepted',
      side: 'receiver',
      to: TRANSFER_TO,
      pendingTransfer: null,
    });
    expect(view.previousReceivers).toEqual([expect.objectContaining({ ...TO, transferId: 'transfer-1' })]);
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new AcceptTransferCommand(HN_WORKER, ids)),
      {
        code: 'auth.forbidden.other_country',
        kind: 'forbidden',
      },
    );
  });

  it('the receiver may not accept it (403), nor another Guatemalan institution (403); another transfer id is 409', async () => {
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new AcceptTransferCommand(HN_WORKER, ids)),
      {
        code: 'referral.wrong_side',
        kind: 'forbidden',
      },
    );
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new AcceptTransferCommand(GT_OTHER, ids)),
      {
        code: 'referral.wrong_institution',
        kind: 'forbidden',
      },
    );
    await expectRefused(
      world,
      STREAM,
      () =>
        world.commandBus.execute(new AcceptTransferCommand(GT_WORKER, { ...ids, transferId: 'transfer-9' })),
      { code: 'referral.transfer_mismatch', kind: 'conflict' },
    );
  });
});

describe('AcceptTransferController', () => {
  it('dispatches AcceptTransferCommand for the path’s referral and transfer', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    await new AcceptTransferController(bus).handle(ids, {}, GT_WORKER, {});
    expect(sent).toEqual([new AcceptTransferCommand(GT_WORKER, ids, {})]);
  });
});
