import type { QueryBus } from '@nestjs/cqrs';
import { reach } from '../../testing/referral-paths';
import {
  COORDINATOR,
  CR_WORKER,
  GT_WORKER,
  HN_CONSUL,
  HN_SYSTEM,
  HN_WORKER,
  MX_OTHER_WORKER,
  MX_WORKER,
  REFERRAL_ID,
  referralWorld,
  type ReferralWorld,
} from '../../testing/referral-world';
import { GetReferralController } from './get-referral.controller';
import { GetReferralQuery } from './get-referral.query';

describe('get-referral: GetReferralQuery on the QueryBus', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
  });
  afterEach(() => world.close());

  it('each side reads its own view: its side and its allowed actions; the same fold the command answered', async () => {
    const sent = await reach(world, 'requested');
    const asSender = await world.queryBus.execute(new GetReferralQuery(MX_WORKER, REFERRAL_ID));
    expect(asSender).toEqual(sent);
    const asReceiver = await world.queryBus.execute(new GetReferralQuery(HN_WORKER, REFERRAL_ID));
    expect(asReceiver).toMatchObject({
      side: 'receiver',
      allowedActions: ['AcknowledgeReferral', 'AcceptReferral', 'DeclineReferral'],
    });
    for (const viewer of [HN_SYSTEM, HN_CONSUL]) {
      expect(await world.queryBus.execute(new GetReferralQuery(viewer, REFERRAL_ID))).toMatchObject({
        side: 'receiver',
        caseId: sent.caseId,
      });
    }
  });

  it('the Secretariat gets the status view: statuses, parties, deadlines; no case, categories or follow-ups', async () => {
    await reach(world, 'in_progress');
    const view = await world.queryBus.execute(new GetReferralQuery(COORDINATOR, REFERRAL_ID));
    expect(view).toMatchObject({
      status: 'in_progress',
      fhirStatus: 'in-progress',
      from: { country: 'MX' },
      to: { country: 'HN' },
    });
    expect(Object.keys(view).sort()).toEqual(
      [
        'deadlines',
        'fhirStatus',
        'from',
        'pendingTransfer',
        'previousReceivers',
        'referralId',
        'revision',
        'sentAt',
        'status',
        'statusLabel',
        'stream',
        'to',
        'updatedAt',
        'urgency',
      ].sort(),
    );
    expect(JSON.stringify(view)).not.toMatch(/caseId|identity|psychosocial|follow-up-1/);
  });

  it('a third country and another institution of a side are refused (403; the third country audited); unknown is 404', async () => {
    await reach(world, 'requested');
    for (const viewer of [CR_WORKER, GT_WORKER]) {
      await expect(world.queryBus.execute(new GetReferralQuery(viewer, REFERRAL_ID))).rejects.toMatchObject({
        code: 'auth.forbidden.other_country',
        kind: 'forbidden',
      });
    }
    await expect(
      world.queryBus.execute(new GetReferralQuery(MX_OTHER_WORKER, REFERRAL_ID)),
    ).rejects.toMatchObject({
      code: 'referral.wrong_institution',
    });
    expect(world.audit.entries.map((e) => [e.operation, e.principal?.country])).toEqual([
      ['referrals.referral.read', 'CR'],
      ['referrals.referral.read', 'GT'],
    ]);
    await expect(
      world.queryBus.execute(new GetReferralQuery(MX_WORKER, '0b9c7d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e')),
    ).rejects.toMatchObject({ code: 'referral.not_found', kind: 'not_found' });
  });

  it('the controller dispatches GetReferralQuery for the principal and the path', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (q: unknown) => sent.push(q) } as unknown as QueryBus;
    await new GetReferralController(bus).referral({ referralId: REFERRAL_ID }, {}, HN_WORKER);
    expect(sent).toEqual([new GetReferralQuery(HN_WORKER, REFERRAL_ID)]);
  });
});
