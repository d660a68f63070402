import type { CommandBus } from '@nestjs/cqrs';
import {
  capturingBus,
  casesWorld,
  MX_REPORTING_OFFICER,
  MX_SUPERVISOR,
  registerInstitution,
  type CasesWorld,
} from '../../../testing/cases-world';
import { VerifyInstitutionCommand } from './verify-institution.command';
import { VerifyInstitutionController } from './verify-institution.controller';

const STREAM = 'referralInstitution-MX-PROTECCION';
const verify = (verifiedOn: string, principal = MX_SUPERVISOR) =>
  new VerifyInstitutionCommand(principal, { institutionId: 'MX-PROTECCION', verifiedOn });

describe('verify-institution: VerifyInstitutionCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld('2021-01-15T12:00:00.000Z');
    await registerInstitution(world);
  });
  afterEach(() => world.close());

  it('a stale entry verified again is fresh again', async () => {
    const before = await world.commandBus.execute(verify('2020-06-01')); // same date: nothing recorded
    expect(before).toMatchObject({ revision: 0, staleSince: '2020-11-29' });
    const view = await world.commandBus.execute(verify('2021-01-10'));
    expect(view).toMatchObject({ revision: 1, version: 2, verifiedOn: '2021-01-10', staleSince: null });
  });

  it('refuses a date before the last verification (422) and a reporting officer (403); nothing is stored', async () => {
    await expect(world.commandBus.execute(verify('2020-05-01'))).rejects.toMatchObject({
      code: 'referral.institution.verification_before_last',
    });
    await expect(world.commandBus.execute(verify('2021-01-10', MX_REPORTING_OFFICER))).rejects.toMatchObject({
      code: 'auth.forbidden.role_not_permitted',
    });
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
  });
});

describe('VerifyInstitutionController', () => {
  it('dispatches VerifyInstitutionCommand for the path id', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    await new VerifyInstitutionController(bus).verify(
      { id: 'MX-PROTECCION' },
      { verifiedOn: '2021-01-10' },
      MX_SUPERVISOR,
      {},
    );
    expect(sent).toEqual([verify('2021-01-10')]);
  });
});
