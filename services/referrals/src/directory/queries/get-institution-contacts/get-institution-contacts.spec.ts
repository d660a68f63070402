import type { QueryBus } from '@nestjs/cqrs';
import {
  capturingBus,
  casesWorld,
  GT_CASE_WORKER,
  MX_CONSUL,
  MX_SUPERVISOR,
  registerInstitution,
  ST_COORDINATOR,
  type CasesWorld,
} from '../../../testing/cases-world';
import { GetInstitutionContactsController } from './get-institution-contacts.controller';
import { GetInstitutionContactsQuery } from './get-institution-contacts.query';

const PURPOSE = 'Enviar la referencia de un caso';

describe('get-institution-contacts: GetInstitutionContactsQuery on the QueryBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerInstitution(world);
  });
  afterEach(() => world.close());

  it("an official of another member country sees the contacts; each view is in the institution's access log", async () => {
    const contacts = await world.queryBus.execute(
      new GetInstitutionContactsQuery(GT_CASE_WORKER, 'MX-PROTECCION', PURPOSE),
    );
    expect(contacts).toEqual({
      institutionId: 'MX-PROTECCION',
      country: 'MX',
      version: 1,
      purpose: PURPOSE,
      focalPoints: [
        {
          role: 'intake',
          focalPointId: 'fp-mx-ana',
          languages: ['es', 'en'],
          contact: { name: 'Ana Sofía Ramírez', email: 'aramirez@example.org', phone: '+52 55 5555 0101' },
          erased: false,
        },
        {
          role: 'backup',
          focalPointId: 'fp-mx-luis',
          languages: ['es'],
          contact: { name: 'Luis Ortega', phone: '+52 55 5555 0102' },
          erased: false,
        },
      ],
    });
    const log = await world.store.readStream('piiAccess-MX-PROTECCION');
    expect(log.map((e) => e.data)).toEqual([
      expect.objectContaining({ subjectId: 'focalPoint-fp-mx-ana', purpose: PURPOSE, outcome: 'revealed' }),
      expect.objectContaining({ subjectId: 'focalPoint-fp-mx-luis', purpose: PURPOSE, outcome: 'revealed' }),
    ]);
    expect(log[0].metadata.countries).toEqual(expect.arrayContaining(['MX', 'GT', 'HN', 'US']));
    await world.queryBus.execute(new GetInstitutionContactsQuery(MX_CONSUL, 'MX-PROTECCION', PURPOSE));
  });

  it('no purpose: 400; the Secretariat and a supervisor (no pii.read): 403, audited; nothing revealed nor logged', async () => {
    await expect(
      world.queryBus.execute(new GetInstitutionContactsQuery(GT_CASE_WORKER, 'MX-PROTECCION', undefined)),
    ).rejects.toMatchObject({ kind: 'invalid_request', code: 'pii.validation.purpose_required' });
    for (const principal of [ST_COORDINATOR, MX_SUPERVISOR]) {
      await expect(
        world.queryBus.execute(new GetInstitutionContactsQuery(principal, 'MX-PROTECCION', PURPOSE)),
      ).rejects.toMatchObject({ kind: 'forbidden', code: 'auth.forbidden.role_not_permitted' });
    }
    expect(world.audit.entries.map((e) => e.operation)).toEqual(['pii.read', 'pii.read']);
    expect(await world.store.readStream('piiAccess-MX-PROTECCION')).toEqual([]);
  });

  it('404 for an unknown entry', async () => {
    await expect(
      world.queryBus.execute(new GetInstitutionContactsQuery(GT_CASE_WORKER, 'MX-NADIE', PURPOSE)),
    ).rejects.toMatchObject({ code: 'referral.institution.not_registered' });
  });
});

describe('GetInstitutionContactsController', () => {
  it('dispatches the principal, the id and the purpose', async () => {
    const { bus, sent } = capturingBus<QueryBus>();
    await new GetInstitutionContactsController(bus).contacts(
      { id: 'MX-PROTECCION' },
      { purpose: PURPOSE },
      GT_CASE_WORKER,
    );
    expect(sent).toEqual([new GetInstitutionContactsQuery(GT_CASE_WORKER, 'MX-PROTECCION', PURPOSE)]);
  });
});
