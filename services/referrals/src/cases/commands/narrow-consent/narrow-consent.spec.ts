import type { CommandBus } from '@nestjs/cqrs';
import {
  capturingBus,
  CASE_ID,
  casesWorld,
  MX_CASE_WORKER,
  MX_NATIONAL_SYSTEM,
  registerCase,
  type CasesWorld,
} from '../../../testing/cases-world';
import { consentInput } from '../record-consent/record-consent.spec';
import { RecordConsentCommand } from '../record-consent/record-consent.command';
import { NarrowConsentCommand } from './narrow-consent.command';
import { NarrowConsentController } from './narrow-consent.controller';

const STREAM = `referralCase-${CASE_ID}`;
const narrow = (scope: Partial<NarrowConsentCommand['input']['scope']>, principal = MX_CASE_WORKER) =>
  new NarrowConsentCommand(principal, {
    caseId: CASE_ID,
    consentId: 'c-1',
    scope: { ...consentInput().scope, ...scope },
  });

describe('narrow-consent: NarrowConsentCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerCase(world);
    await world.commandBus.execute(new RecordConsentCommand(MX_CASE_WORKER, consentInput()));
  });
  afterEach(() => world.close());

  it('a strictly narrower scope is recorded (with what it took away); the national system may narrow too', async () => {
    const view = await world.commandBus.execute(
      narrow({ categories: ['identity', 'indicators'] }, MX_NATIONAL_SYSTEM),
    );
    expect(view.consents[0]).toMatchObject({
      narrowings: 1,
      scope: { categories: ['identity', 'indicators'] },
    });
    const [, , narrowed] = await world.store.readStream(STREAM);
    expect(narrowed.data).toMatchObject({ removed: { categories: ['family'] } });
  });

  it('a scope that is not narrower is 422, an unknown consent 404; nothing is stored', async () => {
    await expect(world.commandBus.execute(narrow({ countries: ['HN', 'GT'] }))).rejects.toMatchObject({
      code: 'referral.case.consent_not_narrower',
    });
    await expect(
      world.commandBus.execute(
        new NarrowConsentCommand(MX_CASE_WORKER, {
          caseId: CASE_ID,
          consentId: 'nope',
          scope: consentInput().scope,
        }),
      ),
    ).rejects.toMatchObject({ kind: 'not_found', code: 'referral.case.unknown_consent' });
    expect(await world.store.readStream(STREAM)).toHaveLength(2);
  });
});

describe('NarrowConsentController', () => {
  it('dispatches the path consent and the new scope', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    const scope = { ...consentInput().scope, categories: ['identity'] };
    await new NarrowConsentController(bus).narrow(
      { caseId: CASE_ID, consentId: 'c-1' },
      { scope } as never,
      MX_CASE_WORKER,
      {},
    );
    expect(sent).toEqual([
      new NarrowConsentCommand(MX_CASE_WORKER, { caseId: CASE_ID, consentId: 'c-1', scope }, {}),
    ]);
  });
});
