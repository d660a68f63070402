import type { QueryBus } from '@nestjs/cqrs';
import {
  capturingBus,
  CASE_ID,
  casesWorld,
  GT_CASE_WORKER,
  MX_CASE_WORKER,
  MX_CONSUL,
  MX_REPORTING_OFFICER,
  MX_SUPERVISOR,
  registerCase,
  ST_COORDINATOR,
  type CasesWorld,
} from '../../../testing/cases-world';
import { RecordBestInterestsCommand } from '../../commands/record-best-interests/record-best-interests.command';
import { GetCaseController } from './get-case.controller';
import { GetCaseQuery } from './get-case.query';

describe('get-case: GetCaseQuery on the QueryBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerCase(world);
    await world.commandBus.execute(
      new RecordBestInterestsCommand(MX_CASE_WORKER, {
        caseId: CASE_ID,
        recordId: 'bia-1',
        kind: 'assessment',
        conductedBy: { institutionId: 'MX-PROTECCION', role: 'social_worker' },
        conductedOn: '2020-07-01',
        outcome: 'further_assessment_needed',
        recommendations: 'Acompañamiento psicológico semanal',
      }),
    );
  });
  afterEach(() => world.close());

  it("answers the owning country's view: the supervisor sees what a case worker sees, never a plaintext", async () => {
    const worker = await world.queryBus.execute(new GetCaseQuery(MX_CASE_WORKER, CASE_ID));
    const supervisor = await world.queryBus.execute(new GetCaseQuery(MX_SUPERVISOR, CASE_ID));
    expect(supervisor).toEqual(worker);
    expect(worker).toMatchObject({ revision: 1, bestInterests: [{ recordId: 'bia-1', kind: 'assessment' }] });
    expect(JSON.stringify(worker)).not.toMatch(/Yeimi|Alvarado|psicológico|"ct"/);
  });

  it('a consular officer sees no health indicator, no assessment and no notes field (withheld for the role)', async () => {
    const consul = await world.queryBus.execute(new GetCaseQuery(MX_CONSUL, CASE_ID));
    expect(consul.withheldCategories).toEqual(['health', 'assessments', 'narrative']);
    expect(consul.indicators).not.toHaveProperty('healthNeeds');
    expect(consul.indicators).toHaveProperty('internationalProtectionNeeds');
    expect(consul.bestInterests).toEqual([]);
    expect(consul.identifying.fields).toEqual(['givenNames', 'familyNames', 'dateOfBirth', 'familyContacts']);
  });

  it('the Secretariat, another country and a reporting officer get 403 (audited); an unknown case 404', async () => {
    for (const [principal, code] of [
      [ST_COORDINATOR, 'auth.forbidden.role_not_permitted'],
      [GT_CASE_WORKER, 'auth.forbidden.other_country'],
      [MX_REPORTING_OFFICER, 'auth.forbidden.role_not_permitted'],
    ] as const) {
      await expect(world.queryBus.execute(new GetCaseQuery(principal, CASE_ID))).rejects.toMatchObject({
        code,
      });
    }
    expect(world.audit.entries.map((e) => [e.operation, e.resource.path])).toEqual(
      Array(3).fill(['referrals.case.read', 'GetCaseQuery']),
    );
    await expect(
      world.queryBus.execute(new GetCaseQuery(MX_CASE_WORKER, 'MX-00000000-0000-4000-8000-000000000000')),
    ).rejects.toMatchObject({ kind: 'not_found', code: 'referral.case.not_registered' });
  });
});

describe('GetCaseController', () => {
  it('dispatches GetCaseQuery for the path case and the principal', async () => {
    const { bus, sent } = capturingBus<QueryBus>();
    await new GetCaseController(bus).case({ caseId: CASE_ID }, {}, MX_CASE_WORKER);
    expect(sent).toEqual([new GetCaseQuery(MX_CASE_WORKER, CASE_ID)]);
  });
});
