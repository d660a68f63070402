import type { CommandBus } from '@nestjs/cqrs';
import {
  capturingBus,
  casesWorld,
  MX_CASE_WORKER,
  MX_SUPERVISOR,
  registerInstitution,
  type CasesWorld,
} from '../../../testing/cases-world';
import { DeactivateInstitutionCommand } from '../deactivate-institution/deactivate-institution.command';
import { ReactivateInstitutionCommand } from './reactivate-institution.command';
import { ReactivateInstitutionController } from './reactivate-institution.controller';

const STREAM = 'referralInstitution-MX-PROTECCION';
const reactivate = (principal = MX_SUPERVISOR) =>
  new ReactivateInstitutionCommand(principal, { institutionId: 'MX-PROTECCION' });

describe('reactivate-institution: ReactivateInstitutionCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerInstitution(world);
  });
  afterEach(() => world.close());

  it('an active entry stays as it is; a deactivated one is active again', async () => {
    await world.commandBus.execute(reactivate());
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
    await world.commandBus.execute(
      new DeactivateInstitutionCommand(MX_SUPERVISOR, { institutionId: 'MX-PROTECCION', reason: 'closed' }),
    );
    const view = await world.commandBus.execute(reactivate());
    expect(view).toMatchObject({ status: 'active', version: 3, deactivationReason: null });
  });

  it('refuses a case worker (403) and an unknown entry (404); nothing is stored', async () => {
    await expect(world.commandBus.execute(reactivate(MX_CASE_WORKER))).rejects.toMatchObject({
      code: 'auth.forbidden.role_not_permitted',
    });
    await expect(
      world.commandBus.execute(new ReactivateInstitutionCommand(MX_SUPERVISOR, { institutionId: 'MX-OTRA' })),
    ).rejects.toMatchObject({ code: 'referral.institution.not_registered' });
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
    expect(await world.store.readStream('referralInstitution-MX-OTRA')).toEqual([]);
  });
});

describe('ReactivateInstitutionController', () => {
  it('dispatches ReactivateInstitutionCommand for the path id', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    await new ReactivateInstitutionController(bus).reactivate({ id: 'MX-PROTECCION' }, {}, MX_SUPERVISOR, {});
    expect(sent).toEqual([reactivate()]);
  });
});
