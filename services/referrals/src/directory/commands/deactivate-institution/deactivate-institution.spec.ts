import type { CommandBus } from '@nestjs/cqrs';
import {
  capturingBus,
  casesWorld,
  GT_SUPERVISOR,
  MX_SUPERVISOR,
  registerInstitution,
  type CasesWorld,
} from '../../../testing/cases-world';
import { DeactivateInstitutionCommand } from './deactivate-institution.command';
import { DeactivateInstitutionController } from './deactivate-institution.controller';

const STREAM = 'referralInstitution-MX-PROTECCION';
const deactivate = (reason: string, principal = MX_SUPERVISOR) =>
  new DeactivateInstitutionCommand(principal, { institutionId: 'MX-PROTECCION', reason });

describe('deactivate-institution: DeactivateInstitutionCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerInstitution(world);
  });
  afterEach(() => world.close());

  it('deactivates with a reason code (labelled); deactivating again records nothing', async () => {
    const view = await world.commandBus.execute(deactivate('temporarily_unavailable'));
    expect(view).toMatchObject({
      status: 'deactivated',
      version: 2,
      deactivationReason: 'temporarily_unavailable',
      deactivationReasonLabel: { en: 'Cannot receive referrals for now' },
    });
    await world.commandBus.execute(deactivate('closed'));
    expect(await world.store.readStream(STREAM)).toHaveLength(2);
  });

  it('refuses free text as a reason (422) and another country (403); nothing is stored', async () => {
    await expect(world.commandBus.execute(deactivate('porque sí'))).rejects.toMatchObject({
      code: 'referral.institution.invalid_deactivation_reason',
    });
    await expect(world.commandBus.execute(deactivate('closed', GT_SUPERVISOR))).rejects.toMatchObject({
      code: 'auth.forbidden.other_country',
    });
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
  });
});

describe('DeactivateInstitutionController', () => {
  it('dispatches DeactivateInstitutionCommand for the path id', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    await new DeactivateInstitutionController(bus).deactivate(
      { id: 'MX-PROTECCION' },
      { reason: 'closed' },
      MX_SUPERVISOR,
      {},
    );
    expect(sent).toEqual([deactivate('closed')]);
  });
});
