import type { CommandBus } from '@nestjs/cqrs';
import {
  capturingBus,
  casesWorld,
  GT_SUPERVISOR,
  institutionInput,
  MX_CASE_WORKER,
  MX_SUPERVISOR,
  registerInstitution,
  storedText,
  type CasesWorld,
} from '../../../testing/cases-world';
import { RegisterInstitutionCommand } from './register-institution.command';
import { RegisterInstitutionController } from './register-institution.controller';

const STREAM = 'referralInstitution-MX-PROTECCION';

describe('register-institution: RegisterInstitutionCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
  });
  afterEach(() => world.close());

  it("Mexico's supervisor registers the entry: version 1, focal points without contacts, contacts stored encrypted", async () => {
    const view = await registerInstitution(world);
    expect(view).toMatchObject({
      stream: STREAM,
      revision: 0,
      institutionId: 'MX-PROTECCION',
      country: 'MX',
      status: 'active',
      version: 1,
      verifiedOn: '2020-06-01',
      staleSince: null,
      focalPoints: [
        { role: 'intake', focalPointId: 'fp-mx-ana', languages: ['es', 'en'], contactErased: false },
        { role: 'backup', focalPointId: 'fp-mx-luis', languages: ['es'], contactErased: false },
      ],
    });
    expect(JSON.stringify(view)).not.toContain('Ana Sofía');
    const [event] = await world.store.readStream(STREAM);
    expect(event.type).toBe('InstitutionRegistered');
    expect(event.metadata).toMatchObject({ countries: ['MX'], actor: { role: 'protection_supervisor' } });
    const intake = (
      event.data as { intake: { contact: { subject: string; fields: Record<string, unknown> } } }
    ).intake.contact;
    expect(intake.subject).toBe('focalPoint-fp-mx-ana');
    expect(Object.keys(intake.fields)).toEqual(['name', 'email', 'phone']);
    expect(intake.fields.name).toMatchObject({ v: 1, ct: expect.any(String) });
    const text = await storedText(world);
    for (const plain of ['Ana Sofía Ramírez', 'aramirez@example.org', '+52 55 5555 0101', 'Luis Ortega']) {
      expect(text).not.toContain(plain);
    }
    expect((await world.keys.find('focalPoint-fp-mx-ana')).state).toBe('active');
  });

  it('another country may not register a Mexican institution (403, audited); nothing is stored', async () => {
    await expect(
      world.commandBus.execute(new RegisterInstitutionCommand(GT_SUPERVISOR, institutionInput())),
    ).rejects.toMatchObject({ kind: 'forbidden', code: 'auth.forbidden.other_country' });
    await expect(
      world.commandBus.execute(new RegisterInstitutionCommand(MX_CASE_WORKER, institutionInput())),
    ).rejects.toMatchObject({ code: 'auth.forbidden.role_not_permitted' });
    expect(world.audit.entries.map((e) => [e.operation, e.resource.path])).toEqual([
      ['referrals.institution.manage', 'RegisterInstitutionCommand'],
      ['referrals.institution.manage', 'RegisterInstitutionCommand'],
    ]);
    expect(await world.store.readStream(STREAM)).toEqual([]);
    expect((await world.keys.find('focalPoint-fp-mx-ana')).state).toBe('absent');
  });

  it('refuses a verification date in the future (422) and a second registration (409); nothing more is stored', async () => {
    await expect(registerInstitution(world, { verifiedOn: '2020-07-11' })).rejects.toMatchObject({
      kind: 'validation',
      code: 'referral.institution.verification_in_future',
    });
    expect(await world.store.readStream(STREAM)).toEqual([]);
    await registerInstitution(world);
    await expect(registerInstitution(world, { kind: 'shelter' })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'referral.institution.already_registered',
    });
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
  });

  it('a focal point without a name or without an email and a phone is refused (422)', async () => {
    const { intake } = institutionInput();
    await expect(
      registerInstitution(world, { intake: { ...intake, contact: { name: 'Ana', email: undefined } } }),
    ).rejects.toMatchObject({ code: 'referral.institution.invalid_focal_point' });
    await expect(
      registerInstitution(world, { intake: { ...intake, focalPointId: 'bad id!' } }),
    ).rejects.toMatchObject({ code: 'referral.institution.invalid_focal_point' });
    expect(await world.store.readStream(STREAM)).toEqual([]);
  });

  it('the same command again (same Idempotency-Key) records nothing new', async () => {
    const command = new RegisterInstitutionCommand(MX_SUPERVISOR, institutionInput(), { commandId: 'k-1' });
    await world.commandBus.execute(command);
    const again = await world.commandBus.execute(command);
    expect(again.revision).toBe(0);
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
  });
});

describe('RegisterInstitutionController', () => {
  it('dispatches RegisterInstitutionCommand with the body and the command options', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    const body = institutionInput();
    await new RegisterInstitutionController(bus).register(body as never, MX_SUPERVISOR, { commandId: 'k' });
    expect(sent).toEqual([new RegisterInstitutionCommand(MX_SUPERVISOR, body, { commandId: 'k' })]);
  });
});
