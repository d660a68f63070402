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
import { AcceptReferralCommand } from './accept-referral.command';
import { AcceptReferralController } from './accept-referral.controller';

const STREAM = referralStreamName(REFERRAL_ID);
const id = { referralId: REFERRAL_ID };

describe('accept-referral: AcceptReferralCommand on the CommandBus', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
  });
  afterEach(() => world.close());

  it('from requested it records the acknowledgement and the acceptance; both deadlines close', async () => {
    await reach(world, 'requested');
    const view = await world.commandBus.execute(new AcceptReferralCommand(HN_WORKER, id));
    expect(view).toMatchObject({ status: 'accepted', fhirStatus: 'accepted' });
    expect(view.deadlines).toMatchObject({ acknowledge: null, decide: null });
    expect((await world.events(STREAM)).slice(-2).map((e) => e.type)).toEqual([
      'ReferralAcknowledged',
      'ReferralAccepted',
    ]);
  });

  it('the sender and a third country may not accept (403); a draft cannot be accepted (409); nothing stored', async () => {
    await reach(world, 'draft');
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new AcceptReferralCommand(HN_WORKER, id)),
      {
        code: 'referral.invalid_transition',
        kind: 'conflict',
      },
    );
    await world.commandBus.execute(new SendReferralCommand(MX_WORKER, id));
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new AcceptReferralCommand(MX_WORKER, id)),
      {
        code: 'referral.wrong_side',
        kind: 'forbidden',
      },
    );
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new AcceptReferralCommand(CR_WORKER, id)),
      {
        code: 'auth.forbidden.other_country',
        kind: 'forbidden',
      },
    );
  });
});

describe('AcceptReferralController', () => {
  it('dispatches AcceptReferralCommand for the path’s referral', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    await new AcceptReferralController(bus).handle(id, {}, HN_WORKER, {});
    expect(sent).toEqual([new AcceptReferralCommand(HN_WORKER, id, {})]);
  });
});
