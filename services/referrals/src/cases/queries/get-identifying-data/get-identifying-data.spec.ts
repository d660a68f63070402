import type { QueryBus } from '@nestjs/cqrs';
import {
  capturingBus,
  CASE_ID,
  casesWorld,
  CHILD,
  GT_CASE_WORKER,
  MX_CASE_WORKER,
  MX_CONSUL,
  MX_SUPERVISOR,
  registerCase,
  ST_COORDINATOR,
  type CasesWorld,
} from '../../../testing/cases-world';
import { GetIdentifyingDataController } from './get-identifying-data.controller';
import { GetIdentifyingDataQuery } from './get-identifying-data.query';

const PURPOSE = 'Preparar la entrevista de búsqueda de familia';
const ACCESS_LOG = `piiAccess-${CASE_ID}`;

describe('get-identifying-data: GetIdentifyingDataQuery on the QueryBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerCase(world);
  });
  afterEach(() => world.close());

  it('the case worker sees every field, after the view is recorded (who, when, why)', async () => {
    const revealed = await world.queryBus.execute(
      new GetIdentifyingDataQuery(MX_CASE_WORKER, CASE_ID, PURPOSE),
    );
    expect(revealed).toEqual({
      caseId: CASE_ID,
      purpose: PURPOSE,
      fields: CHILD,
      withheldFields: [],
      erased: false,
    });
    const log = await world.store.readStream(ACCESS_LOG);
    expect(log.map((e) => e.data)).toEqual([
      {
        caseId: CASE_ID,
        subjectId: `child-${CASE_ID}`,
        purpose: PURPOSE,
        viewedAt: '2020-07-10T15:00:00.000Z',
        viewer: {
          subject: MX_CASE_WORKER.subject,
          country: 'MX',
          institution: 'MX/PROTECCION',
          roles: ['protection_case_worker'],
        },
        outcome: 'revealed',
      },
    ]);
  });

  it('a consular officer of the same country sees identity and family, not the notes', async () => {
    const revealed = await world.queryBus.execute(new GetIdentifyingDataQuery(MX_CONSUL, CASE_ID, PURPOSE));
    expect(Object.keys(revealed.fields)).toEqual([
      'givenNames',
      'familyNames',
      'dateOfBirth',
      'familyContacts',
    ]);
    expect(revealed.withheldFields).toEqual(['notes']);
  });

  it('no purpose: 400; the Secretariat, another country, a supervisor: 403 (audited); nothing logged', async () => {
    await expect(
      world.queryBus.execute(new GetIdentifyingDataQuery(MX_CASE_WORKER, CASE_ID, '  ')),
    ).rejects.toMatchObject({ kind: 'invalid_request', code: 'pii.validation.purpose_required' });
    for (const [principal, code] of [
      [ST_COORDINATOR, 'auth.forbidden.role_not_permitted'],
      [GT_CASE_WORKER, 'auth.forbidden.other_country'],
      [MX_SUPERVISOR, 'auth.forbidden.role_not_permitted'],
    ] as const) {
      await expect(
        world.queryBus.execute(new GetIdentifyingDataQuery(principal, CASE_ID, PURPOSE)),
      ).rejects.toMatchObject({ kind: 'forbidden', code });
    }
    // the supervisor may read the case but not reveal it: denied by the protector's pii.read
    expect(world.audit.entries.map((e) => e.operation)).toEqual([
      'referrals.case.read',
      'referrals.case.read',
      'pii.read',
    ]);
    expect(await world.store.readStream(ACCESS_LOG)).toEqual([]);
  });
});

describe('GetIdentifyingDataController', () => {
  it('dispatches the principal, the case and the purpose', async () => {
    const { bus, sent } = capturingBus<QueryBus>();
    await new GetIdentifyingDataController(bus).identifying(
      { caseId: CASE_ID },
      { purpose: PURPOSE },
      MX_CONSUL,
    );
    expect(sent).toEqual([new GetIdentifyingDataQuery(MX_CONSUL, CASE_ID, PURPOSE)]);
  });
});
