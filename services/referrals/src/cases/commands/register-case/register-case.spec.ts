import type { CommandBus } from '@nestjs/cqrs';
import {
  capturingBus,
  CASE_ID,
  caseInput,
  casesWorld,
  CHILD_STRINGS,
  GT_CASE_WORKER,
  MX_CASE_WORKER,
  MX_SUPERVISOR,
  registerCase,
  registerInstitution,
  ST_COORDINATOR,
  storedText,
  type CasesWorld,
} from '../../../testing/cases-world';
import { DeactivateInstitutionCommand } from '../../../directory/commands/deactivate-institution/deactivate-institution.command';
import { indicators } from '../../domain/test-support';
import { RegisterCaseCommand } from './register-case.command';
import { RegisterCaseController } from './register-case.controller';

const STREAM = `referralCase-${CASE_ID}`;

describe('register-case: RegisterCaseCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
  });
  afterEach(() => world.close());

  it('opens the case: indicators in clear, identifying data only as ciphertexts under child-<caseId>', async () => {
    const view = await registerCase(world);
    expect(view).toMatchObject({
      stream: STREAM,
      revision: 0,
      caseId: CASE_ID,
      country: 'MX',
      institutionId: 'MX-PROTECCION',
      status: 'open',
      indicators: {
        ageBand: '15-17',
        accompaniment: 'unaccompanied',
        healthNeeds: ['malnutrition_dehydration'],
      },
      withheldCategories: [],
      identifying: {
        fields: ['givenNames', 'familyNames', 'dateOfBirth', 'familyContacts', 'notes'],
        erased: false,
      },
      interviews: { count: 0, warning: null },
    });
    const [event] = await world.store.readStream(STREAM);
    expect(event.metadata).toMatchObject({
      countries: ['MX'],
      actor: { role: 'protection_case_worker', country: 'MX' },
    });
    const identifying = (event.data as { identifying: { subject: string; fields: Record<string, unknown> } })
      .identifying;
    expect(identifying.subject).toBe(`child-${CASE_ID}`);
    expect(identifying.fields.givenNames).toMatchObject({
      v: 1,
      kid: expect.any(String),
      ct: expect.any(String),
    });
    const text = await storedText(world);
    for (const plain of CHILD_STRINGS) expect(text).not.toContain(plain);
    expect(JSON.stringify(view)).not.toContain('Yeimi');
    expect((await world.keys.find(`child-${CASE_ID}`)).state).toBe('active');
  });

  it('without a case id, the Idempotency-Key names the case: a retry addresses the same case', async () => {
    await registerInstitution(world);
    const command = new RegisterCaseCommand(MX_CASE_WORKER, caseInput({ caseId: undefined }), {
      commandId: 'reg-1',
    });
    const first = await world.commandBus.execute(command);
    expect(first.caseId).toMatch(/^MX-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const again = await world.commandBus.execute(command);
    expect(again).toEqual(first);
    expect(await world.store.readStream(first.stream)).toHaveLength(1);
  });

  it('another country, the Secretariat and a supervisor may not register (403, audited); nothing is stored', async () => {
    await registerInstitution(world);
    for (const [principal, code] of [
      [GT_CASE_WORKER, 'auth.forbidden.other_country'],
      [ST_COORDINATOR, 'auth.forbidden.role_not_permitted'],
      [MX_SUPERVISOR, 'auth.forbidden.role_not_permitted'],
    ] as const) {
      await expect(
        world.commandBus.execute(new RegisterCaseCommand(principal, caseInput())),
      ).rejects.toMatchObject({
        kind: 'forbidden',
        code,
      });
    }
    expect(world.audit.entries.map((e) => e.operation)).toEqual(Array(3).fill('referrals.case.register'));
    expect(await world.store.readStream(STREAM)).toEqual([]);
    expect((await world.keys.find(`child-${CASE_ID}`)).state).toBe('absent');
  });

  it('the handling institution must be in the directory (422) and active (409), of the case country (422)', async () => {
    await expect(registerCase(world, {}, { institution: false })).rejects.toMatchObject({
      kind: 'validation',
      code: 'referral.case.unknown_institution',
    });
    await registerInstitution(world);
    await world.commandBus.execute(
      new DeactivateInstitutionCommand(MX_SUPERVISOR, { institutionId: 'MX-PROTECCION', reason: 'closed' }),
    );
    await expect(registerCase(world, {}, { institution: false })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'referral.case.institution_deactivated',
    });
    await expect(
      registerCase(world, { institutionId: 'GT-PGN' }, { institution: false }),
    ).rejects.toMatchObject({
      code: 'referral.case.institution_country_mismatch',
    });
    expect(await world.store.readStream(STREAM)).toEqual([]);
  });

  it('invalid indicators are refused (422) with each problem; a name slipped among them too', async () => {
    await registerInstitution(world);
    const problemsOf = (given: unknown) =>
      world.commandBus
        .execute(new RegisterCaseCommand(MX_CASE_WORKER, caseInput({ indicators: given })))
        .then(
          () => 'accepted',
          (e) => [
            e.code,
            e.details.problems.map((p: { field: string; code: string }) => `${p.field}:${p.code}`),
          ],
        );
    expect(await problemsOf({ ...indicators(), childName: 'Yeimi' })).toEqual([
      'referral.case.invalid_indicators',
      ['childName:unknown_indicator'],
    ]);
    expect(await problemsOf(indicators({ ageYears: 9, detectedOn: '2020-07-11' }))).toEqual([
      'referral.case.invalid_indicators',
      ['detectedOn:future_date'],
    ]);
    expect(await problemsOf(indicators({ ageYears: 9 }))).toEqual([
      'referral.case.invalid_indicators',
      ['ageYears:inconsistent'],
    ]);
    expect(await world.store.readStream(STREAM)).toEqual([]);
  });

  it('a second registration of the same case is 409; only the first is stored', async () => {
    await registerCase(world);
    await expect(
      world.commandBus.execute(new RegisterCaseCommand(MX_CASE_WORKER, caseInput())),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'referral.case.already_registered' });
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
  });
});

describe('RegisterCaseController', () => {
  it('dispatches the body, leaving out what is absent', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    const body = {
      institutionId: 'MX-PROTECCION',
      indicators: { ageBand: '15-17' },
      caseId: undefined,
      identifying: undefined,
    };
    await new RegisterCaseController(bus).register(body, MX_CASE_WORKER, { commandId: 'k' });
    expect(sent).toEqual([
      new RegisterCaseCommand(
        MX_CASE_WORKER,
        { institutionId: 'MX-PROTECCION', indicators: { ageBand: '15-17' } },
        { commandId: 'k' },
      ),
    ]);
  });
});
