import type { CommandBus } from '@nestjs/cqrs';
import { referralStreamName } from '../../domain';
import { expectEncryptedNote, expectRefused, reach } from '../../testing/referral-paths';
import {
  CR_WORKER,
  FROM,
  HN_WORKER,
  MX_WORKER,
  REFERRAL_ID,
  referralWorld,
  TRANSFER_TO,
  type ReferralWorld,
} from '../../testing/referral-world';
import { RequestTransferCommand, type RequestTransferInput } from './request-transfer.command';
import { RequestTransferController } from './request-transfer.controller';

const STREAM = referralStreamName(REFERRAL_ID);
const TRANSFER: RequestTransferInput = {
  referralId: REFERRAL_ID,
  transferId: 'transfer-1',
  to: { ...TRANSFER_TO },
  reason: 'family_located',
  note: 'El padre vive en Quetzaltenango.',
};

describe('request-transfer: RequestTransferCommand on the CommandBus', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
    await reach(world, 'in_progress');
  });
  afterEach(() => world.close());

  it('the receiver proposes Guatemala’s institution: pending, with the still-shared categories; the note encrypted', async () => {
    const view = await world.commandBus.execute(new RequestTransferCommand(HN_WORKER, TRANSFER));
    expect(view.pendingTransfer).toMatchObject({ transferId: 'transfer-1', to: TRANSFER_TO });
    const [requested] = (await world.events(STREAM)).slice(-1);
    expect(requested).toMatchObject({
      type: 'TransferRequested',
      data: { reason: 'family_located', categories: ['identity', 'family', 'health'] },
    });
    expect((await world.store.readStream(STREAM)).at(-1)?.metadata.countries.sort()).toEqual([
      'GT',
      'HN',
      'MX',
    ]);
    await expectEncryptedNote(world, STREAM, TRANSFER.note!);
  });

  it('the target must be an active directory institution of its country (422), of a third country (422)', async () => {
    const refuse = (to: RequestTransferInput['to'], code: string) =>
      expectRefused(
        world,
        STREAM,
        () => world.commandBus.execute(new RequestTransferCommand(HN_WORKER, { ...TRANSFER, to })),
        {
          code,
          kind: 'validation',
        },
      );
    await refuse({ country: 'GT', institutionId: 'GT-NADIE' }, 'referral.unknown_institution');
    await refuse({ country: 'CR', institutionId: 'GT-PROTECCION' }, 'referral.institution_country_mismatch');
    await refuse({ ...FROM }, 'referral.invalid_transfer_target');
  });

  it('the sender and a third country may not (403); not twice while pending (409)', async () => {
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new RequestTransferCommand(MX_WORKER, TRANSFER)),
      {
        code: 'referral.wrong_side',
        kind: 'forbidden',
      },
    );
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new RequestTransferCommand(CR_WORKER, TRANSFER)),
      {
        code: 'auth.forbidden.other_country',
        kind: 'forbidden',
      },
    );
    await world.commandBus.execute(new RequestTransferCommand(HN_WORKER, TRANSFER));
    await expectRefused(
      world,
      STREAM,
      () => world.commandBus.execute(new RequestTransferCommand(HN_WORKER, TRANSFER)),
      {
        code: 'referral.invalid_transition',
        kind: 'conflict',
      },
    );
  });
});

describe('RequestTransferController', () => {
  it('dispatches RequestTransferCommand with the body', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    const { referralId, ...body } = TRANSFER;
    await new RequestTransferController(bus).handle({ referralId }, body as never, HN_WORKER, {});
    expect(sent).toEqual([new RequestTransferCommand(HN_WORKER, TRANSFER, {})]);
  });
});
