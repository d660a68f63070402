import type { CommandBus } from '@nestjs/cqrs';
import { referralStreamName } from '../../domain';
import { expectRefused, reach } from '../../testing/referral-paths';
import {
  CR_WORKER,
  HN_WORKER,
  MX_WORKER,
  REFERRAL_ID,
  referralWorld,
  TRANSFER_TO,
  type ReferralWorld,
} from '../../testing/referral-world';
import { AcceptReferralCommand } from '../accept-referral/accept-referral.command';
import { RequestTransferCommand } from '../request-transfer/request-transfer.command';
import { CloseReferralCommand } from './close-referral.command';
import { CloseReferralController } from './close-referral.controller';

const STREAM = referralStreamName(REFERRAL_ID);
const id = { referralId: REFERRAL_ID };
const close = (who = HN_WORKER) => new CloseReferralCommand(who, { ...id, outcome: 'reunified' });

describe('close-referral: CloseReferralCommand on the CommandBus', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
  });
  afterEach(() => world.close());

  it('the receiver closes the referral in progress with its outcome', async () => {
    await reach(world, 'in_progress');
    const view = await world.commandBus.execute(close());
    expect(view).toMatchObject({
      status: 'completed',
      fhirStatus: 'completed',
      outcome: 'reunified',
      allowedActions: [],
    });
  });

  it('the sender and a third country may not (403); not before acceptance, nor while a transfer is pending (409)', async () => {
    await reach(world, 'requested');
    await expectRefused(world, STREAM, () => world.commandBus.execute(close()), {
      code: 'referral.invalid_transition',
      kind: 'conflict',
    });
    await world.commandBus.execute(new AcceptReferralCommand(HN_WORKER, id));
    await expectRefused(world, STREAM, () => world.commandBus.execute(close(MX_WORKER)), {
      code: 'referral.wrong_side',
      kind: 'forbidden',
    });
    await expectRefused(world, STREAM, () => world.commandBus.execute(close(CR_WORKER)), {
      code: 'auth.forbidden.other_country',
      kind: 'forbidden',
    });
    await world.commandBus.execute(
      new RequestTransferCommand(HN_WORKER, {
        ...id,
        transferId: 't-1',
        to: { ...TRANSFER_TO },
        reason: 'child_moved',
      }),
    );
    const error = await expectRefused(world, STREAM, () => world.commandBus.execute(close()), {
      code: 'referral.invalid_transition',
      kind: 'conflict',
    });
    expect(error.text.en).toContain('transfer is pending');
  });
});

describe('CloseReferralController', () => {
  it('dispatches CloseReferralCommand with the body’s outcome', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    await new CloseReferralController(bus).handle(id, { outcome: 'reunified' }, HN_WORKER, {});
    expect(sent).toEqual([close()]);
  });
});
