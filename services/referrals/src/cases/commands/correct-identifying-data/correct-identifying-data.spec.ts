import type { CommandBus } from '@nestjs/cqrs';
import {
  capturingBus,
  CASE_ID,
  casesWorld,
  MX_CASE_WORKER,
  MX_CONSUL,
  registerCase,
  storedText,
  type CasesWorld,
} from '../../../testing/cases-world';
import { GetIdentifyingDataQuery } from '../../queries/get-identifying-data/get-identifying-data.query';
import { EraseChildDataCommand } from '../erase-child-data/erase-child-data.command';
import { CorrectIdentifyingDataCommand } from './correct-identifying-data.command';
import { CorrectIdentifyingDataController } from './correct-identifying-data.controller';

const STREAM = `referralCase-${CASE_ID}`;
const correct = (input: Omit<CorrectIdentifyingDataCommand['input'], 'caseId'>, principal = MX_CASE_WORKER) =>
  new CorrectIdentifyingDataCommand(principal, { caseId: CASE_ID, ...input });
const reveal = (world: CasesWorld) =>
  world.queryBus.execute(new GetIdentifyingDataQuery(MX_CASE_WORKER, CASE_ID, 'Verificar la corrección'));

describe('correct-identifying-data: CorrectIdentifyingDataCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerCase(world);
  });
  afterEach(() => world.close());

  it('sets a corrected field (encrypted) and removes another; the reveal shows the result', async () => {
    const view = await world.commandBus.execute(
      correct({ identifying: { familyNames: 'Alvarado Cruz de León' }, remove: ['notes'] }),
    );
    expect(view.identifying.fields).toEqual(['givenNames', 'familyNames', 'dateOfBirth', 'familyContacts']);
    const [, corrected] = await world.store.readStream(STREAM);
    expect(corrected.data).toMatchObject({
      removed: ['notes'],
      identifying: { subject: `child-${CASE_ID}` },
    });
    expect(await storedText(world)).not.toContain('de León');
    const revealed = await reveal(world);
    expect(revealed.fields).toMatchObject({
      givenNames: 'Yeimi Marisol',
      familyNames: 'Alvarado Cruz de León',
    });
    expect(revealed.fields).not.toHaveProperty('notes');
  });

  it('refuses correcting and removing the same field (422), a consular officer (403); nothing is stored', async () => {
    await expect(
      world.commandBus.execute(correct({ identifying: { notes: 'x' }, remove: ['notes'] })),
    ).rejects.toMatchObject({ code: 'referral.case.invalid_identifying_data' });
    await expect(
      world.commandBus.execute(correct({ identifying: { givenNames: 'Y.' } }, MX_CONSUL)),
    ).rejects.toMatchObject({ code: 'auth.forbidden.role_not_permitted' });
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
  });

  it('after the erasure nothing can be encrypted under the child any more (409)', async () => {
    await world.commandBus.execute(
      new EraseChildDataCommand(MX_CASE_WORKER, { caseId: CASE_ID, reason: 'Solicitud SUP-1' }),
    );
    await expect(
      world.commandBus.execute(correct({ identifying: { givenNames: 'Otra' } })),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'pii.subject_erased' });
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
  });
});

describe('CorrectIdentifyingDataController', () => {
  it('dispatches only what the body gives', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    await new CorrectIdentifyingDataController(bus).correct(
      { caseId: CASE_ID },
      { remove: ['photo'], identifying: undefined },
      MX_CASE_WORKER,
      {},
    );
    expect(sent).toEqual([correct({ remove: ['photo'] })]);
  });
});
