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
import { UpdateIndicatorsCommand } from './update-indicators.command';
import { UpdateIndicatorsController } from './update-indicators.controller';

const STREAM = `referralCase-${CASE_ID}`;
const update = (given: unknown, principal = MX_CASE_WORKER, options = {}) =>
  new UpdateIndicatorsCommand(principal, { caseId: CASE_ID, indicators: given }, options);

describe('update-indicators: UpdateIndicatorsCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerCase(world);
  });
  afterEach(() => world.close());

  it('records the changed indicators; the same set again records nothing', async () => {
    const view = await world.commandBus.execute(
      update(indicators({ needsInterpreter: true, languages: ['es', 'mam'] })),
    );
    expect(view).toMatchObject({
      revision: 1,
      indicators: { needsInterpreter: true, languages: ['es', 'mam'] },
    });
    const [, updated] = await world.store.readStream(STREAM);
    expect(updated.data).toMatchObject({ changed: ['languages', 'needsInterpreter'] });
    await world.commandBus.execute(update(indicators({ needsInterpreter: true, languages: ['es', 'mam'] })));
    expect(await world.store.readStream(STREAM)).toHaveLength(2);
  });

  it('refuses an incomplete set (422), another country (403), an unknown case (404), a stale If-Match (412)', async () => {
    const { sex: _dropped, ...incomplete } = indicators();
    await expect(world.commandBus.execute(update(incomplete))).rejects.toMatchObject({
      code: 'referral.case.invalid_indicators',
    });
    await expect(world.commandBus.execute(update(indicators(), GT_CASE_WORKER))).rejects.toMatchObject({
      code: 'auth.forbidden.other_country',
    });
    await expect(
      world.commandBus.execute(
        new UpdateIndicatorsCommand(MX_CASE_WORKER, {
          caseId: 'MX-00000000-0000-4000-8000-000000000000',
          indicators: indicators(),
        }),
      ),
    ).rejects.toMatchObject({ kind: 'not_found', code: 'referral.case.not_registered' });
    await expect(
      world.commandBus.execute(
        update(indicators({ previousReturns: 2 }), MX_CASE_WORKER, { expectedRevision: 5 }),
      ),
    ).rejects.toMatchObject({ code: 'command.stale_revision' });
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
  });
});

describe('UpdateIndicatorsController', () => {
  it('dispatches UpdateIndicatorsCommand for the path case', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    await new UpdateIndicatorsController(bus).update(
      { caseId: CASE_ID },
      { indicators: { a: 1 } },
      MX_CASE_WORKER,
      {},
    );
    expect(sent).toEqual([update({ a: 1 })]);
  });
});
