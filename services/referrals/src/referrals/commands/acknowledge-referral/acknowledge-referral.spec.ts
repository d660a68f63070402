import type { CommandBus } from '@nestjs/cqrs';
import type { Principal } from '@crm/auth';
import { referralStreamName } from '../../domain';
import { expectRefused, reach } from '../../testing/referral-paths';
import {
  COORDINATOR,
  CR_WORKER,
  HN_SYSTEM,
  HN_WORKER,
  MX_WORKER,
  REFERRAL_ID,
  referralWorld,
  type ReferralWorld,
} from '../../testing/referral-world';
import { AcknowledgeReferralCommand } from './acknowledge-referral.command';
import { AcknowledgeReferralController } from './acknowledge-referral.controller';

const STREAM = referralStreamName(REFERRAL_ID);
const id = { referralId: REFERRAL_ID };
/** A Honduran case worker of another institution than the receiving one. */
const HN_OTHER: Principal = { ...HN_WORKER, subject: 'dev|hn.dinaf', institution: 'HN/DINAF' };

describe('acknowledge-referral: AcknowledgeReferralCommand on the CommandBus', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
    await reach(world, 'requested');
  });
  afterEach(() => world.close());

  it('the receiving institution acknowledges: received, the acknowledgement deadline closed', async () => {
    const view = await world.commandBus.execute(new AcknowledgeReferralCommand(HN_WORKER, id));
    expect(view).toMatchObject({ status: 'acknowledged', fhirStatus: 'received', side: 'receiver' });
    expect(view.deadlines.acknowledge).toBeNull();
    expect(view.allowedActions).toEqual(['AcceptReferral', 'DeclineReferral']);
  });

  it('so may the receiving country’s national system', async () => {
    const view = await world.commandBus.execute(new AcknowledgeReferralCommand(HN_SYSTEM, id));
    expect(view.status).toBe('acknowledged');
  });

  it('not the sender, another Honduran institution, a third country or the Secretariat (403); nothing stored', async () => {
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new AcknowledgeReferralCommand(MX_WORKER, id)),
      {
        code: 'referral.wrong_side',
        kind: 'forbidden',
      },
    );
    const error = await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new AcknowledgeReferralCommand(HN_OTHER, id)),
      { code: 'referral.wrong_institution', kind: 'forbidden' },
    );
    expect(error.text.es).toContain('HN-PROTECCION');
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new AcknowledgeReferralCommand(CR_WORKER, id)),
      {
        code: 'auth.forbidden.other_country',
        kind: 'forbidden',
      },
    );
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new AcknowledgeReferralCommand(COORDINATOR, id)),
      {
        code: 'auth.forbidden.role_not_permitted',
        kind: 'forbidden',
      },
    );
    expect(world.audit.entries.map((e) => e.principal?.country)).toEqual(['CR', 'ST']);
  });

  it('not twice (409)', async () => {
    await world.commandBus.execute(new AcknowledgeReferralCommand(HN_WORKER, id));
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new AcknowledgeReferralCommand(HN_WORKER, id)),
      {
        code: 'referral.invalid_transition',
        kind: 'conflict',
      },
    );
  });
});

describe('AcknowledgeReferralController', () => {
  it('dispatches AcknowledgeReferralCommand for the path’s referral', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    await new AcknowledgeReferralController(bus).handle(id, {}, HN_WORKER, { expectedRevision: 1 });
    expect(sent).toEqual([new AcknowledgeReferralCommand(HN_WORKER, id, { expectedRevision: 1 })]);
  });
});
