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
import { CloseCaseCommand } from '../close-case/close-case.command';
import { consentInput } from '../record-consent/record-consent.spec';
import { RecordConsentCommand } from '../record-consent/record-consent.command';
import { WithdrawConsentCommand } from './withdraw-consent.command';
import { WithdrawConsentController } from './withdraw-consent.controller';

const STREAM = `referralCase-${CASE_ID}`;
const withdraw = (reason?: string, principal = MX_CASE_WORKER) =>
  new WithdrawConsentCommand(principal, { caseId: CASE_ID, consentId: 'c-1', ...(reason ? { reason } : {}) });

describe('withdraw-consent: WithdrawConsentCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerCase(world);
    await world.commandBus.execute(new RecordConsentCommand(MX_CASE_WORKER, consentInput()));
  });
  afterEach(() => world.close());

  it('withdraws for good, also on a closed case; the view shows it withdrawn', async () => {
    await world.commandBus.execute(
      new CloseCaseCommand(MX_CASE_WORKER, { caseId: CASE_ID, outcome: 'family_reunification' }),
    );
    const view = await world.commandBus.execute(withdraw('child_request'));
    expect(view.consents[0]).toMatchObject({ status: 'withdrawn', withdrawal: { reason: 'child_request' } });
  });

  it('refuses a free-text reason (422) and another country (403); nothing is stored', async () => {
    await expect(world.commandBus.execute(withdraw('ya no quiere'))).rejects.toMatchObject({
      code: 'referral.case.invalid_consent',
    });
    await expect(world.commandBus.execute(withdraw(undefined, GT_CASE_WORKER))).rejects.toMatchObject({
      code: 'auth.forbidden.other_country',
    });
    expect(await world.store.readStream(STREAM)).toHaveLength(2);
  });
});

describe('WithdrawConsentController', () => {
  it('dispatches the path consent and the reason when given', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    const controller = new WithdrawConsentController(bus);
    await controller.withdraw(
      { caseId: CASE_ID, consentId: 'c-1' },
      { reason: undefined },
      MX_CASE_WORKER,
      {},
    );
    await controller.withdraw({ caseId: CASE_ID, consentId: 'c-1' }, { reason: 'other' }, MX_CASE_WORKER, {});
    expect(sent).toEqual([
      new WithdrawConsentCommand(MX_CASE_WORKER, { caseId: CASE_ID, consentId: 'c-1' }, {}),
      new WithdrawConsentCommand(MX_CASE_WORKER, { caseId: CASE_ID, consentId: 'c-1', reason: 'other' }, {}),
    ]);
  });
});
