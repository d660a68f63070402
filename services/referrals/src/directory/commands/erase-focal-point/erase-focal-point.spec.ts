import type { CommandBus } from '@nestjs/cqrs';
import {
  capturingBus,
  casesWorld,
  GT_CASE_WORKER,
  MX_CASE_WORKER,
  MX_SUPERVISOR,
  registerInstitution,
  type CasesWorld,
} from '../../../testing/cases-world';
import { GetInstitutionContactsQuery } from '../../queries/get-institution-contacts/get-institution-contacts.query';
import { UpdateInstitutionCommand } from '../update-institution/update-institution.command';
import { EraseFocalPointCommand } from './erase-focal-point.command';
import { EraseFocalPointController } from './erase-focal-point.controller';

const REASON = 'Solicitud de supresión SUP-MX-2020-07';
const erase = (focalPointId: string, principal = MX_CASE_WORKER, reason = REASON) =>
  new EraseFocalPointCommand(principal, { institutionId: 'MX-PROTECCION', focalPointId, reason });

describe('erase-focal-point: EraseFocalPointCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerInstitution(world);
  });
  afterEach(() => world.close());

  it("destroys the person's key: the entry and the revealed contacts show the contact as erased; again: already_erased", async () => {
    const result = await world.commandBus.execute(erase('fp-mx-luis'));
    expect(result).toMatchObject({ outcome: 'erased', focalPointId: 'fp-mx-luis' });
    expect(result.institution.focalPoints.map((f) => [f.focalPointId, f.contactErased])).toEqual([
      ['fp-mx-ana', false],
      ['fp-mx-luis', true],
    ]);
    expect((await world.keys.find('focalPoint-fp-mx-luis')).state).toBe('erased');
    const erasure = await world.store.readStream('piiErasure-focalPoint-fp-mx-luis');
    expect(erasure.map((e) => [e.type, (e.data as { reason: string }).reason])).toEqual([
      ['PersonalDataErased', REASON],
    ]);
    const contacts = await world.queryBus.execute(
      new GetInstitutionContactsQuery(MX_CASE_WORKER, 'MX-PROTECCION', 'Enviar una referencia'),
    );
    expect(contacts.focalPoints[1]).toMatchObject({
      erased: true,
      contact: { name: { erased: true }, phone: { erased: true } },
    });
    expect(contacts.focalPoints[0]).toMatchObject({ erased: false, contact: { name: 'Ana Sofía Ramírez' } });
    expect((await world.commandBus.execute(erase('fp-mx-luis'))).outcome).toBe('already_erased');
  });

  it('a focal point replaced since can still be erased; one never named is 404', async () => {
    await world.commandBus.execute(
      new UpdateInstitutionCommand(MX_SUPERVISOR, {
        institutionId: 'MX-PROTECCION',
        backup: {
          focalPointId: 'fp-mx-rosa',
          languages: ['es'],
          contact: { name: 'Rosa', phone: '+52 1 555 0000' },
        },
      }),
    );
    expect((await world.commandBus.execute(erase('fp-mx-luis'))).outcome).toBe('erased');
    await expect(world.commandBus.execute(erase('fp-nobody'))).rejects.toMatchObject({
      kind: 'not_found',
      code: 'referral.institution.focal_point_not_found',
    });
  });

  it('refuses the supervisor and another country (403, pii.erase), a missing reason (400); the key stays', async () => {
    await expect(world.commandBus.execute(erase('fp-mx-luis', MX_SUPERVISOR))).rejects.toMatchObject({
      code: 'auth.forbidden.role_not_permitted',
    });
    await expect(world.commandBus.execute(erase('fp-mx-luis', GT_CASE_WORKER))).rejects.toMatchObject({
      code: 'auth.forbidden.other_country',
    });
    await expect(world.commandBus.execute(erase('fp-mx-luis', MX_CASE_WORKER, ' '))).rejects.toMatchObject({
      kind: 'invalid_request',
      code: 'pii.validation.reason_required',
    });
    expect(world.audit.entries.map((e) => e.operation)).toEqual(['pii.erase', 'pii.erase']);
    expect((await world.keys.find('focalPoint-fp-mx-luis')).state).toBe('active');
    expect(await world.store.readStream('piiErasure-focalPoint-fp-mx-luis')).toEqual([]);
  });
});

describe('EraseFocalPointController', () => {
  it('dispatches EraseFocalPointCommand with the path and the reason', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    await new EraseFocalPointController(bus).erase(
      { id: 'MX-PROTECCION', focalPointId: 'fp-mx-luis' },
      { reason: REASON },
      MX_CASE_WORKER,
      {},
    );
    expect(sent).toEqual([
      new EraseFocalPointCommand(
        MX_CASE_WORKER,
        { institutionId: 'MX-PROTECCION', focalPointId: 'fp-mx-luis', reason: REASON },
        {},
      ),
    ]);
  });
});
