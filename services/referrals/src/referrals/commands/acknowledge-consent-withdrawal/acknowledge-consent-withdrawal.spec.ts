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
import { NotifyConsentWithdrawalCommand } from '../notify-consent-withdrawal/notify-consent-withdrawal.command';
import { AcknowledgeConsentWithdrawalCommand } from './acknowledge-consent-withdrawal.command';
import { AcknowledgeConsentWithdrawalController } from './acknowledge-consent-withdrawal.controller';

const STREAM = referralStreamName(REFERRAL_ID);
const id = { referralId: REFERRAL_ID };
const acknowledge =
  (who = HN_WORKER) =>
  () =>
    world.commandBus.execute(new AcknowledgeConsentWithdrawalCommand(who, id));
let world: ReferralWorld;

describe('acknowledge-consent-withdrawal: AcknowledgeConsentWithdrawalCommand on the CommandBus', () => {
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
    await reach(world, 'in_progress');
  });
  afterEach(() => world.close());

  it('nothing to acknowledge before a notice (409)', async () => {
    await expectRefused(world, STREAM, acknowledge(), {
      code: 'referral.invalid_transition',
      kind: 'conflict',
    });
  });

  it('the receiver acknowledges every pending withdrawal; the withdrawn categories stay withdrawn', async () => {
    await world.commandBus.execute(
      new NotifyConsentWithdrawalCommand({ ...id, consentId: 'consent-1', categories: ['health', 'family'] }),
    );
    const view = await acknowledge()();
    expect(view).toMatchObject({
      pendingWithdrawals: [],
      withdrawnCategories: ['family', 'health'],
      status: 'in_progress',
    });
    expect(view.deadlines.withdrawal).toBeNull();
    expect((await world.events(STREAM)).at(-1)).toMatchObject({
      type: 'ConsentWithdrawalAcknowledged',
      data: { consentIds: ['consent-1'], categories: ['family', 'health'] },
    });
  });

  it('the sender and a third country may not acknowledge it (403)', async () => {
    await world.commandBus.execute(
      new NotifyConsentWithdrawalCommand({ ...id, consentId: 'consent-1', categories: ['health'] }),
    );
    await expectRefused(world, STREAM, acknowledge(MX_WORKER), {
      code: 'referral.wrong_side',
      kind: 'forbidden',
    });
    await expectRefused(world, STREAM, acknowledge(CR_WORKER), {
      code: 'auth.forbidden.other_country',
      kind: 'forbidden',
    });
  });
});

describe('AcknowledgeConsentWithdrawalController', () => {
  it('dispatches AcknowledgeConsentWithdrawalCommand for the path’s referral', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    await new AcknowledgeConsentWithdrawalController(bus).handle(id, {}, HN_WORKER, {});
    expect(sent).toEqual([new AcknowledgeConsentWithdrawalCommand(HN_WORKER, id, {})]);
  });
});
