import type { QueryBus } from '@nestjs/cqrs';
import {
  capturingBus,
  casesWorld,
  GT_SUPERVISOR,
  institutionInput,
  MX_SUPERVISOR,
  registerInstitution,
  type CasesWorld,
} from '../../../testing/cases-world';
import { DeactivateInstitutionCommand } from '../../commands/deactivate-institution/deactivate-institution.command';
import { RegisterInstitutionCommand } from '../../commands/register-institution/register-institution.command';
import { ListInstitutionsController } from './list-institutions.controller';
import { ListInstitutionsQuery } from './list-institutions.query';

describe('list-institutions: ListInstitutionsQuery on the QueryBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerInstitution(world);
    await registerInstitution(world, { institutionId: 'MX-DIF-CHIAPAS', kind: 'shelter' });
    await world.commandBus.execute(
      new RegisterInstitutionCommand(
        GT_SUPERVISOR,
        institutionInput({
          institutionId: 'GT-PGN',
          country: 'GT',
          intake: {
            focalPointId: 'fp-gt-1',
            languages: ['es', 'mam'],
            contact: { name: 'Sonia', phone: '+502 5555 0000' },
          },
          backup: {
            focalPointId: 'fp-gt-2',
            languages: ['es'],
            contact: { name: 'Jorge', phone: '+502 5555 0001' },
          },
        }),
      ),
    );
    await world.commandBus.execute(
      new DeactivateInstitutionCommand(MX_SUPERVISOR, { institutionId: 'MX-DIF-CHIAPAS', reason: 'closed' }),
    );
  });
  afterEach(() => world.close());

  it("lists a country's entries folded from the store, in id order, without any contact", async () => {
    const list = await world.queryBus.execute(new ListInstitutionsQuery({ country: 'MX' }));
    expect(list.asOf).toBe('2020-07-10');
    expect(list.institutions.map((i) => [i.institutionId, i.status, i.version])).toEqual([
      ['MX-DIF-CHIAPAS', 'deactivated', 2],
      ['MX-PROTECCION', 'active', 1],
    ]);
    expect(list.institutions[1]).toMatchObject({
      languages: ['es', 'en'],
      kindLabel: { es: expect.any(String) },
    });
    expect(JSON.stringify(list)).not.toMatch(/Ana Sofía|Luis Ortega|contact|example\.org/);
  });

  it('all countries without a filter; by status when asked', async () => {
    const all = await world.queryBus.execute(new ListInstitutionsQuery());
    expect(all.institutions.map((i) => i.institutionId)).toEqual([
      'GT-PGN',
      'MX-DIF-CHIAPAS',
      'MX-PROTECCION',
    ]);
    const active = await world.queryBus.execute(new ListInstitutionsQuery({ status: 'active' }));
    expect(active.institutions.map((i) => i.institutionId)).toEqual(['GT-PGN', 'MX-PROTECCION']);
  });
});

describe('ListInstitutionsController', () => {
  it('dispatches the filters given, and only those', async () => {
    const { bus, sent } = capturingBus<QueryBus>();
    const controller = new ListInstitutionsController(bus);
    await controller.list({ country: 'HN', status: undefined, maxAgeDays: undefined });
    await controller.list({ status: 'active', maxAgeDays: 30 });
    expect(sent).toEqual([
      new ListInstitutionsQuery({ country: 'HN' }),
      new ListInstitutionsQuery({ status: 'active', maxAgeDays: 30 }),
    ]);
  });
});
