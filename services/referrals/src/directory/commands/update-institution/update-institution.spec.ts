import type { CommandBus } from '@nestjs/cqrs';
import {
  capturingBus,
  casesWorld,
  GT_SUPERVISOR,
  institutionInput,
  MX_SUPERVISOR,
  registerInstitution,
  storedText,
  type CasesWorld,
} from '../../../testing/cases-world';
import { UpdateInstitutionCommand } from './update-institution.command';
import { UpdateInstitutionController } from './update-institution.controller';

const STREAM = 'referralInstitution-MX-PROTECCION';
const update = (input: Omit<UpdateInstitutionCommand['input'], 'institutionId'>, principal = MX_SUPERVISOR) =>
  new UpdateInstitutionCommand(principal, { institutionId: 'MX-PROTECCION', ...input });

describe('update-institution: UpdateInstitutionCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerInstitution(world);
  });
  afterEach(() => world.close());

  it('records what changes as version 2; a new backup focal point is encrypted under their own key', async () => {
    const view = await world.commandBus.execute(
      update({
        kind: 'shelter',
        backup: {
          focalPointId: 'fp-mx-rosa',
          languages: ['es', 'nah'],
          contact: { name: 'Rosa Hernández', email: 'rhernandez@example.org' },
        },
      }),
    );
    expect(view).toMatchObject({ version: 2, revision: 1, kind: 'shelter' });
    expect(view.focalPoints[1]).toEqual({
      role: 'backup',
      focalPointId: 'fp-mx-rosa',
      languages: ['es', 'nah'],
      contactErased: false,
    });
    const [, updated] = await world.store.readStream(STREAM);
    expect(updated.data).toMatchObject({ changed: ['kind', 'backup'] });
    expect(await storedText(world)).not.toContain('Rosa Hernández');
    expect((await world.keys.find('focalPoint-fp-mx-rosa')).state).toBe('active');
  });

  it('a focal point given without a contact keeps the one on file (only the languages change)', async () => {
    const [registered] = await world.store.readStream(STREAM);
    const before = (registered.data as { intake: { contact: unknown } }).intake.contact;
    await world.commandBus.execute(update({ intake: { focalPointId: 'fp-mx-ana', languages: ['en'] } }));
    const [, updated] = await world.store.readStream(STREAM);
    expect(updated.data).toMatchObject({ changed: ['intake'], changes: { intake: { contact: before } } });
  });

  it('nothing different records nothing; a new person without a contact is refused (422)', async () => {
    await world.commandBus.execute(update({ kind: 'child_protection', name: institutionInput().name }));
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
    await expect(
      world.commandBus.execute(update({ intake: { focalPointId: 'fp-new', languages: ['es'] } })),
    ).rejects.toMatchObject({ kind: 'validation', code: 'referral.institution.invalid_focal_point' });
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
  });

  it('refuses another country (403), an unknown entry (404) and a stale If-Match (412); nothing is stored', async () => {
    await expect(world.commandBus.execute(update({ kind: 'shelter' }, GT_SUPERVISOR))).rejects.toMatchObject({
      code: 'auth.forbidden.other_country',
    });
    await expect(
      world.commandBus.execute(
        new UpdateInstitutionCommand(MX_SUPERVISOR, { institutionId: 'MX-NADIE', kind: 'shelter' }),
      ),
    ).rejects.toMatchObject({ kind: 'not_found', code: 'referral.institution.not_registered' });
    await expect(
      world.commandBus.execute(
        new UpdateInstitutionCommand(
          MX_SUPERVISOR,
          { institutionId: 'MX-PROTECCION', kind: 'shelter' },
          { expectedRevision: 3 },
        ),
      ),
    ).rejects.toMatchObject({ kind: 'precondition_failed', code: 'command.stale_revision' });
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
  });
});

describe('UpdateInstitutionController', () => {
  it('dispatches UpdateInstitutionCommand for the path id', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    await new UpdateInstitutionController(bus).update(
      { id: 'MX-PROTECCION' },
      { kind: 'shelter' } as never,
      MX_SUPERVISOR,
      { expectedRevision: 0 },
    );
    expect(sent).toEqual([
      new UpdateInstitutionCommand(
        MX_SUPERVISOR,
        { institutionId: 'MX-PROTECCION', kind: 'shelter' },
        { expectedRevision: 0 },
      ),
    ]);
  });
});
