import type { CommandBus } from '@nestjs/cqrs';
import { referralStreamName } from '../../domain';
import { DRAFT } from '../../testing/referral-paths';
import {
  CASE_ID,
  CR_WORKER,
  FROM,
  HN_WORKER,
  MX_OTHER_WORKER,
  MX_SYSTEM,
  MX_WORKER,
  REFERRAL_ID,
  referralWorld,
  TO,
  type ReferralWorld,
} from '../../testing/referral-world';
import { DraftReferralCommand, type DraftReferralInput } from './draft-referral.command';
import { DraftReferralController } from './draft-referral.controller';

const STREAM = referralStreamName(REFERRAL_ID);

describe('draft-referral: DraftReferralCommand on the CommandBus', () => {
  let world: ReferralWorld;
  beforeEach(async () => {
    world = await referralWorld();
    await world.standardSetup();
  });
  afterEach(() => world.close());

  it('opens the draft for the sending institution: allowed actions, both countries on the event', async () => {
    const view = await world.commandBus.execute(new DraftReferralCommand(MX_WORKER, DRAFT));
    expect(view).toMatchObject({
      referralId: REFERRAL_ID,
      stream: STREAM,
      revision: 0,
      status: 'draft',
      fhirStatus: 'draft',
      side: 'sender',
      caseId: CASE_ID,
      from: FROM,
      to: TO,
      allowedActions: ['UpdateDraft', 'SendReferral', 'MarkEnteredInError'],
    });
    const [stored] = await world.store.readStream(STREAM);
    expect(stored?.type).toBe('ReferralDrafted');
    expect(stored?.metadata.countries.sort()).toEqual(['HN', 'MX']);
    expect(stored?.metadata.actor).toMatchObject({
      subject: MX_WORKER.subject,
      role: 'protection_case_worker',
    });
  });

  it('the national system of the sending country may draft for any of its institutions', async () => {
    const view = await world.commandBus.execute(new DraftReferralCommand(MX_SYSTEM, DRAFT));
    expect(view.side).toBe('sender');
  });

  it('the receiving side, a third country or another Mexican institution may not draft it: 403, nothing stored', async () => {
    await expect(world.commandBus.execute(new DraftReferralCommand(HN_WORKER, DRAFT))).rejects.toMatchObject({
      code: 'referral.wrong_side',
      kind: 'forbidden',
    });
    await expect(world.commandBus.execute(new DraftReferralCommand(CR_WORKER, DRAFT))).rejects.toMatchObject({
      code: 'auth.forbidden.other_country',
      kind: 'forbidden',
    });
    const error = await world.commandBus
      .execute(new DraftReferralCommand(MX_OTHER_WORKER, DRAFT))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'referral.wrong_institution', kind: 'forbidden' });
    expect((error as { text: { es: string; en: string } }).text.en).toContain('MX-PROTECCION');
    expect(await world.count(STREAM)).toBe(0);
    expect(world.audit.entries.map((e) => e.operation)).toEqual(['referrals.referral.act']);
  });

  it('the case must be registered, Mexico’s and open; the receiving institution in the directory, active, of Honduras', async () => {
    const refuse = (input: Partial<DraftReferralInput>, code: string, kind: string) =>
      expect(
        world.commandBus.execute(new DraftReferralCommand(MX_WORKER, { ...DRAFT, ...input })),
      ).rejects.toMatchObject({ code, kind });
    await refuse(
      { caseId: 'MX-0b9c7d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e' },
      'referral.unknown_case',
      'validation',
    );
    await refuse({ caseId: 'not-a-case' }, 'referral.case.invalid_id', 'validation');
    await world.registerInstitution('HN-DINAF', 'HN');
    await world.registerCase('HN-0b9c7d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e', 'HN-DINAF');
    await refuse(
      { caseId: 'HN-0b9c7d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e' },
      'referral.case_not_owned',
      'validation',
    );
    await refuse(
      { to: { country: 'HN', institutionId: 'HN-NADIE' } },
      'referral.unknown_institution',
      'validation',
    );
    await refuse(
      { to: { country: 'HN', institutionId: 'GT-PROTECCION' } },
      'referral.institution_country_mismatch',
      'validation',
    );
    await world.registerInstitution('HN-CERRADA', 'HN', { deactivate: true });
    await refuse(
      { to: { country: 'HN', institutionId: 'HN-CERRADA' } },
      'referral.institution_inactive',
      'conflict',
    );
    await world.caseCommand({ type: 'CloseCase', caseId: CASE_ID, outcome: 'family_reunification' });
    await refuse({}, 'referral.case_closed', 'conflict');
    expect(await world.count(STREAM)).toBe(0);
  });

  it('the decider’s rules: not within one country (422), not twice (409)', async () => {
    await world.registerInstitution('MX-DIF', 'MX');
    await expect(
      world.commandBus.execute(
        new DraftReferralCommand(MX_WORKER, { ...DRAFT, to: { country: 'MX', institutionId: 'MX-DIF' } }),
      ),
    ).rejects.toMatchObject({ code: 'referral.not_cross_border', kind: 'validation' });
    await world.commandBus.execute(new DraftReferralCommand(MX_WORKER, DRAFT));
    await expect(world.commandBus.execute(new DraftReferralCommand(MX_WORKER, DRAFT))).rejects.toMatchObject({
      code: 'referral.invalid_transition',
      kind: 'conflict',
    });
    expect(await world.count(STREAM)).toBe(1);
  });

  it('the same Idempotency-Key again records nothing new', async () => {
    await world.commandBus.execute(new DraftReferralCommand(MX_WORKER, DRAFT, { commandId: 'k1' }));
    const again = await world.commandBus.execute(
      new DraftReferralCommand(MX_WORKER, DRAFT, { commandId: 'k1' }),
    );
    expect(again.revision).toBe(0);
    expect(await world.count(STREAM)).toBe(1);
  });
});

describe('DraftReferralController', () => {
  it('POST takes the id from the body, PUT from the path', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => sent.push(c) } as unknown as CommandBus;
    const controller = new DraftReferralController(bus);
    const { referralId: _id, ...body } = DRAFT;
    await controller.create(DRAFT as never, MX_WORKER, { commandId: 'k' });
    await controller.put({ referralId: REFERRAL_ID }, body as never, MX_WORKER, {});
    expect(sent).toEqual([
      new DraftReferralCommand(MX_WORKER, DRAFT, { commandId: 'k' }),
      new DraftReferralCommand(MX_WORKER, DRAFT, {}),
    ]);
  });
});
