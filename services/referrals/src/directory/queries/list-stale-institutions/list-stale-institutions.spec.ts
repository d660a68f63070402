import type { QueryBus } from '@nestjs/cqrs';
import {
  capturingBus,
  casesWorld,
  MX_SUPERVISOR,
  registerInstitution,
  type CasesWorld,
} from '../../../testing/cases-world';
import { DeactivateInstitutionCommand } from '../../commands/deactivate-institution/deactivate-institution.command';
import { ListStaleInstitutionsController } from './list-stale-institutions.controller';
import { ListStaleInstitutionsQuery } from './list-stale-institutions.query';

describe('list-stale-institutions: ListStaleInstitutionsQuery on the QueryBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld('2020-07-10T15:00:00.000Z');
    await registerInstitution(world, { institutionId: 'MX-A1', verifiedOn: '2020-01-02' });
    await registerInstitution(world, { institutionId: 'MX-B2', verifiedOn: '2019-12-01' });
    await registerInstitution(world, { institutionId: 'MX-C3', verifiedOn: '2020-07-01' });
    await registerInstitution(world, { institutionId: 'MX-D4', verifiedOn: '2019-01-01' });
    await world.commandBus.execute(
      new DeactivateInstitutionCommand(MX_SUPERVISOR, { institutionId: 'MX-D4', reason: 'closed' }),
    );
  });
  afterEach(() => world.close());

  it('lists the active entries older than 180 days by default, the longest stale first', async () => {
    const stale = await world.queryBus.execute(new ListStaleInstitutionsQuery());
    expect(stale).toMatchObject({ asOf: '2020-07-10', maxAgeDays: 180 });
    expect(stale.institutions.map((i) => [i.institutionId, i.staleSince])).toEqual([
      ['MX-B2', '2020-05-30'],
      ['MX-A1', '2020-07-01'],
    ]);
  });

  it('with another maximum age, and moving with the clock', async () => {
    const short = await world.queryBus.execute(new ListStaleInstitutionsQuery({ maxAgeDays: 5 }));
    expect(short.institutions.map((i) => i.institutionId)).toEqual(['MX-B2', 'MX-A1', 'MX-C3']);
    world.clock.set('2020-06-01T00:00:00.000Z');
    const earlier = await world.queryBus.execute(new ListStaleInstitutionsQuery({ country: 'MX' }));
    expect(earlier.institutions.map((i) => i.institutionId)).toEqual(['MX-B2']);
    expect(
      (await world.queryBus.execute(new ListStaleInstitutionsQuery({ country: 'GT' }))).institutions,
    ).toEqual([]);
  });
});

describe('ListStaleInstitutionsController', () => {
  it('dispatches the filters given', async () => {
    const { bus, sent } = capturingBus<QueryBus>();
    await new ListStaleInstitutionsController(bus).stale({ maxAgeDays: 90, country: undefined });
    expect(sent).toEqual([new ListStaleInstitutionsQuery({ maxAgeDays: 90 })]);
  });
});
