import type { QueryBus } from '@nestjs/cqrs';
import { capturingBus, casesWorld, registerInstitution, type CasesWorld } from '../../../testing/cases-world';
import { GetInstitutionController } from './get-institution.controller';
import { GetInstitutionQuery } from './get-institution.query';

describe('get-institution: GetInstitutionQuery on the QueryBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
  });
  afterEach(() => world.close());

  it("answers the entry as the command did, with the revision to send as If-Match and no person's contact", async () => {
    const registered = await registerInstitution(world);
    const read = await world.queryBus.execute(new GetInstitutionQuery('MX-PROTECCION'));
    expect(read).toEqual(registered);
    expect(JSON.stringify(read)).not.toMatch(/Ana Sofía|aramirez|5555/);
    const strict = await world.queryBus.execute(new GetInstitutionQuery('MX-PROTECCION', { maxAgeDays: 5 }));
    expect(strict).toMatchObject({ maxAgeDays: 5, staleSince: '2020-06-07' });
  });

  it('404 for an entry never registered, 422 for a malformed id', async () => {
    await expect(world.queryBus.execute(new GetInstitutionQuery('MX-NADIE'))).rejects.toMatchObject({
      kind: 'not_found',
      code: 'referral.institution.not_registered',
    });
    await expect(world.queryBus.execute(new GetInstitutionQuery('nope'))).rejects.toMatchObject({
      kind: 'validation',
      code: 'referral.institution.invalid_id',
    });
  });
});

describe('GetInstitutionController', () => {
  it('dispatches GetInstitutionQuery for the path id', async () => {
    const { bus, sent } = capturingBus<QueryBus>();
    await new GetInstitutionController(bus).institution({ id: 'MX-PROTECCION' }, {});
    expect(sent).toEqual([new GetInstitutionQuery('MX-PROTECCION', {})]);
  });
});
