import type { CommandBus } from '@nestjs/cqrs';
import { verifyStream } from '@crm/event-store';
import {
  capturingBus,
  CASE_ID,
  casesWorld,
  GT_CASE_WORKER,
  MX_CASE_WORKER,
  MX_SUPERVISOR,
  PLATFORM_ADMIN,
  registerCase,
  ST_COORDINATOR,
  type CasesWorld,
} from '../../../testing/cases-world';
import { GetCaseQuery } from '../../queries/get-case/get-case.query';
import { GetIdentifyingDataQuery } from '../../queries/get-identifying-data/get-identifying-data.query';
import { RecordBestInterestsCommand } from '../record-best-interests/record-best-interests.command';
import { EraseChildDataCommand } from './erase-child-data.command';
import { EraseChildDataController } from './erase-child-data.controller';

const SUBJECT = `child-${CASE_ID}`;
const REASON = 'Solicitud de supresión SUP-MX-2020-11';
const erase = (principal = MX_CASE_WORKER, reason = REASON, caseId = CASE_ID) =>
  new EraseChildDataCommand(principal, { caseId, reason });

describe('erase-child-data: EraseChildDataCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerCase(world);
    await world.commandBus.execute(
      new RecordBestInterestsCommand(MX_CASE_WORKER, {
        caseId: CASE_ID,
        recordId: 'bia-1',
        kind: 'assessment',
        conductedBy: { institutionId: 'MX-PROTECCION', role: 'psychologist' },
        conductedOn: '2020-07-01',
        outcome: 'further_assessment_needed',
        recommendations: 'Atención psicológica antes de cualquier retorno',
      }),
    );
  });
  afterEach(() => world.close());

  it("destroys the child's key: every view shows the child erased, the history is unchanged and still verifies", async () => {
    const before = await world.store.readStream(`referralCase-${CASE_ID}`);
    const result = await world.commandBus.execute(erase());
    expect(result).toEqual({
      caseId: CASE_ID,
      subjectId: SUBJECT,
      outcome: 'erased',
      erasedAt: '2020-07-10T15:00:00.000Z',
    });
    expect((await world.keys.find(SUBJECT)).state).toBe('erased');
    const revealed = await world.queryBus.execute(
      new GetIdentifyingDataQuery(MX_CASE_WORKER, CASE_ID, 'Comprobar el borrado'),
    );
    expect(revealed).toMatchObject({
      erased: true,
      fields: { givenNames: { erased: true }, familyNames: { erased: true }, notes: { erased: true } },
    });
    const view = await world.queryBus.execute(new GetCaseQuery(MX_CASE_WORKER, CASE_ID));
    expect(view.identifying).toEqual({ fields: expect.arrayContaining(['givenNames']), erased: true });
    const after = await world.store.readStream(`referralCase-${CASE_ID}`);
    expect(after).toEqual(before);
    expect(verifyStream(after)).toMatchObject({ ok: true, checked: 2 });
    const record = await world.store.readStream(`piiErasure-${SUBJECT}`);
    expect(record.map((e) => e.data)).toEqual([
      expect.objectContaining({ subjectId: SUBJECT, reason: REASON }),
    ]);
    expect((await world.commandBus.execute(erase(PLATFORM_ADMIN))).outcome).toBe('already_erased');
  });

  it('refuses the supervisor, the Secretariat coordinator and another country (403, audited), a blank reason (400), an unknown case (404)', async () => {
    for (const [principal, code] of [
      [MX_SUPERVISOR, 'auth.forbidden.role_not_permitted'],
      [ST_COORDINATOR, 'auth.forbidden.role_not_permitted'],
      [GT_CASE_WORKER, 'auth.forbidden.other_country'],
    ] as const) {
      await expect(world.commandBus.execute(erase(principal))).rejects.toMatchObject({
        kind: 'forbidden',
        code,
      });
    }
    expect(world.audit.entries.map((e) => e.operation)).toEqual(Array(3).fill('pii.erase'));
    await expect(world.commandBus.execute(erase(MX_CASE_WORKER, 'no'))).rejects.toMatchObject({
      code: 'pii.validation.reason_required',
    });
    await expect(
      world.commandBus.execute(erase(MX_CASE_WORKER, REASON, 'MX-00000000-0000-4000-8000-000000000000')),
    ).rejects.toMatchObject({ kind: 'not_found', code: 'referral.case.not_registered' });
    expect((await world.keys.find(SUBJECT)).state).toBe('active');
    expect(await world.store.readStream(`piiErasure-${SUBJECT}`)).toEqual([]);
  });
});

describe('EraseChildDataController', () => {
  it('dispatches EraseChildDataCommand with the reason', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    await new EraseChildDataController(bus).erase(
      { caseId: CASE_ID },
      { reason: REASON },
      MX_CASE_WORKER,
      {},
    );
    expect(sent).toEqual([erase()]);
  });
});
