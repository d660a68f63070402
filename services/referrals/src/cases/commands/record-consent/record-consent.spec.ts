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
import { RecordConsentCommand, type RecordConsentInput } from './record-consent.command';
import { RecordConsentController } from './record-consent.controller';

const STREAM = `referralCase-${CASE_ID}`;
export const consentInput = (over: Partial<RecordConsentInput> = {}): RecordConsentInput => ({
  caseId: CASE_ID,
  consentId: 'c-1',
  givenBy: 'child',
  form: 'consent',
  scope: {
    categories: ['identity', 'family', 'indicators'],
    countries: ['HN'],
    institutions: [],
    purpose: ['family_reunification', 'safe_return'],
    validUntil: '2020-12-31',
  },
  ...over,
});

describe('record-consent: RecordConsentCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerCase(world);
  });
  afterEach(() => world.close());

  it('records the consent in canonical form, active in the view', async () => {
    const view = await world.commandBus.execute(
      new RecordConsentCommand(
        MX_CASE_WORKER,
        consentInput({ scope: { ...consentInput().scope, categories: ['indicators', 'identity'] } }),
      ),
    );
    expect(view.consents).toEqual([
      expect.objectContaining({
        consentId: 'c-1',
        givenBy: 'child',
        status: 'active',
        scope: expect.objectContaining({ categories: ['identity', 'indicators'], countries: ['HN'] }),
      }),
    ]);
  });

  it('refuses an empty scope (422), another country (403), the same id with another scope (409); nothing more is stored', async () => {
    await expect(
      world.commandBus.execute(
        new RecordConsentCommand(
          MX_CASE_WORKER,
          consentInput({ scope: { ...consentInput().scope, purpose: [] } }),
        ),
      ),
    ).rejects.toMatchObject({ code: 'referral.case.invalid_consent_scope' });
    await expect(
      world.commandBus.execute(new RecordConsentCommand(GT_CASE_WORKER, consentInput())),
    ).rejects.toMatchObject({ code: 'auth.forbidden.other_country' });
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
    await world.commandBus.execute(new RecordConsentCommand(MX_CASE_WORKER, consentInput()));
    await expect(
      world.commandBus.execute(
        new RecordConsentCommand(MX_CASE_WORKER, consentInput({ givenBy: 'guardian' })),
      ),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'referral.case.consent_exists' });
    expect(await world.store.readStream(STREAM)).toHaveLength(2);
  });
});

describe('RecordConsentController', () => {
  it('dispatches the consent for the path case', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    const { caseId: _c, ...body } = consentInput();
    await new RecordConsentController(bus).record({ caseId: CASE_ID }, body as never, MX_CASE_WORKER, {});
    expect(sent).toEqual([new RecordConsentCommand(MX_CASE_WORKER, consentInput(), {})]);
  });
});
