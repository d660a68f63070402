import type { CommandBus } from '@nestjs/cqrs';
import {
  capturingBus,
  CASE_ID,
  casesWorld,
  GT_CASE_WORKER,
  MX_CASE_WORKER,
  registerCase,
  type CasesWorld,
} from '../../../testing/cases-world';
import { indicators } from '../../domain/test-support';
import { UpdateIndicatorsCommand } from '../update-indicators/update-indicators.command';
import { CloseCaseCommand } from './close-case.command';
import { CloseCaseController } from './close-case.controller';

const STREAM = `referralCase-${CASE_ID}`;
const close = (outcome: string, principal = MX_CASE_WORKER) =>
  new CloseCaseCommand(principal, { caseId: CASE_ID, outcome });

describe('close-case: CloseCaseCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerCase(world);
  });
  afterEach(() => world.close());

  it('closes with an outcome; closing again the same way records nothing; a closed case takes no new indicators (409)', async () => {
    const view = await world.commandBus.execute(close('family_reunification'));
    expect(view).toMatchObject({ status: 'closed', closure: { outcome: 'family_reunification' } });
    await world.commandBus.execute(close('family_reunification'));
    expect(await world.store.readStream(STREAM)).toHaveLength(2);
    await expect(world.commandBus.execute(close('lost_contact'))).rejects.toMatchObject({
      code: 'referral.case.closed',
    });
    await expect(
      world.commandBus.execute(
        new UpdateIndicatorsCommand(MX_CASE_WORKER, {
          caseId: CASE_ID,
          indicators: indicators({ previousReturns: 3 }),
        }),
      ),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'referral.case.closed' });
    expect(await world.store.readStream(STREAM)).toHaveLength(2);
  });

  it('refuses an unknown outcome (422) and another country (403); nothing is stored', async () => {
    await expect(world.commandBus.execute(close('vanished'))).rejects.toMatchObject({
      code: 'referral.case.invalid_closure_outcome',
    });
    await expect(world.commandBus.execute(close('lost_contact', GT_CASE_WORKER))).rejects.toMatchObject({
      code: 'auth.forbidden.other_country',
    });
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
  });
});

describe('CloseCaseController', () => {
  it('dispatches CloseCaseCommand for the path case', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    await new CloseCaseController(bus).close(
      { caseId: CASE_ID },
      { outcome: 'deceased' },
      MX_CASE_WORKER,
      {},
    );
    expect(sent).toEqual([
      new CloseCaseCommand(MX_CASE_WORKER, { caseId: CASE_ID, outcome: 'deceased' }, {}),
    ]);
  });
});
