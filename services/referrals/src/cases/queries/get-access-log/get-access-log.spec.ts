import type { QueryBus } from '@nestjs/cqrs';
import { Role, type Principal } from '@crm/auth';
import {
  capturingBus,
  CASE_ID,
  casesWorld,
  GT_SUPERVISOR,
  MX_CASE_WORKER,
  MX_SUPERVISOR,
  registerCase,
  type CasesWorld,
} from '../../../testing/cases-world';
import { EraseChildDataCommand } from '../../commands/erase-child-data/erase-child-data.command';
import { GetIdentifyingDataQuery } from '../get-identifying-data/get-identifying-data.query';
import { GetAccessLogController } from './get-access-log.controller';
import { GetAccessLogQuery } from './get-access-log.query';

const OTHER_MX_SUPERVISOR = {
  ...MX_SUPERVISOR,
  subject: 'dev|mx.dif.supervisor',
  institution: 'MX/DIF-CHIAPAS',
} as Principal;

describe('get-access-log: GetAccessLogQuery on the QueryBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerCase(world);
  });
  afterEach(() => world.close());

  it("the handling institution's supervisor reads who saw the child's data, when, why and what it showed", async () => {
    await world.queryBus.execute(
      new GetIdentifyingDataQuery(MX_CASE_WORKER, CASE_ID, 'Preparar la entrevista'),
    );
    world.clock.advance(60_000);
    await world.commandBus.execute(
      new EraseChildDataCommand(MX_CASE_WORKER, { caseId: CASE_ID, reason: 'Solicitud SUP-9' }),
    );
    await world.queryBus.execute(
      new GetIdentifyingDataQuery(MX_CASE_WORKER, CASE_ID, 'Comprobar el borrado'),
    );
    const log = await world.queryBus.execute(new GetAccessLogQuery(MX_SUPERVISOR, CASE_ID));
    expect(log).toMatchObject({
      caseId: CASE_ID,
      institutionId: 'MX-PROTECCION',
      verified: true,
      erasure: {
        erasedAt: '2020-07-10T15:01:00.000Z',
        reason: 'Solicitud SUP-9',
        erasedBy: { subject: MX_CASE_WORKER.subject },
      },
    });
    expect(log.entries.map((e) => [e.viewedAt, e.viewer.subject, e.purpose, e.outcome])).toEqual([
      ['2020-07-10T15:00:00.000Z', MX_CASE_WORKER.subject, 'Preparar la entrevista', 'revealed'],
      ['2020-07-10T15:01:00.000Z', MX_CASE_WORKER.subject, 'Comprobar el borrado', 'erased'],
    ]);
  });

  it('a supervisor of another institution or country, and a case worker, get 403 (audited)', async () => {
    for (const [principal, code] of [
      [OTHER_MX_SUPERVISOR, 'referral.case.not_handling_institution'],
      [GT_SUPERVISOR, 'auth.forbidden.other_country'],
      [MX_CASE_WORKER, 'auth.forbidden.role_not_permitted'],
      [{ ...MX_SUPERVISOR, roles: [Role.ProtectionSupervisor, Role.ProtectionCaseWorker] }, null],
    ] as const) {
      const outcome = world.queryBus.execute(new GetAccessLogQuery(principal as Principal, CASE_ID));
      if (code) await expect(outcome).rejects.toMatchObject({ kind: 'forbidden', code });
      else await expect(outcome).resolves.toMatchObject({ entries: [] });
    }
    expect(world.audit.entries.map((e) => [e.operation, e.reason])).toEqual([
      ['referrals.case.accessLog', 'not_handling_institution'],
      ['referrals.case.accessLog', 'other_country'],
      ['referrals.case.accessLog', 'role_not_permitted'],
    ]);
  });
});

describe('GetAccessLogController', () => {
  it('dispatches GetAccessLogQuery for the path case and the principal', async () => {
    const { bus, sent } = capturingBus<QueryBus>();
    await new GetAccessLogController(bus).accessLog({ caseId: CASE_ID }, {}, MX_SUPERVISOR);
    expect(sent).toEqual([new GetAccessLogQuery(MX_SUPERVISOR, CASE_ID)]);
  });
});
