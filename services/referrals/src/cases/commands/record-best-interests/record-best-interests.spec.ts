import type { CommandBus } from '@nestjs/cqrs';
import {
  capturingBus,
  CASE_ID,
  casesWorld,
  GT_CASE_WORKER,
  MX_CASE_WORKER,
  registerCase,
  storedText,
  type CasesWorld,
} from '../../../testing/cases-world';
import { RecordBestInterestsCommand, type RecordBestInterestsInput } from './record-best-interests.command';
import { RecordBestInterestsController } from './record-best-interests.controller';

const STREAM = `referralCase-${CASE_ID}`;
const RECOMMENDATIONS = 'Reunificar con la tía en Honduras tras evaluación del hogar';
const input = (over: Partial<RecordBestInterestsInput> = {}): RecordBestInterestsInput => ({
  caseId: CASE_ID,
  recordId: 'bia-1',
  kind: 'assessment',
  conductedBy: { institutionId: 'MX-PROTECCION', role: 'social_worker' },
  conductedOn: '2020-07-01',
  outcome: 'return_to_country_of_origin',
  recommendations: RECOMMENDATIONS,
  ...over,
});

describe('record-best-interests: RecordBestInterestsCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerCase(world);
  });
  afterEach(() => world.close());

  it('records an assessment, then a determination; recommendations stored encrypted and never answered', async () => {
    await world.commandBus.execute(new RecordBestInterestsCommand(MX_CASE_WORKER, input()));
    const view = await world.commandBus.execute(
      new RecordBestInterestsCommand(
        MX_CASE_WORKER,
        input({
          recordId: 'bid-1',
          kind: 'determination',
          conductedOn: '2020-07-08',
          conductedBy: { institutionId: 'MX-PROTECCION', role: 'determination_panel' },
        }),
      ),
    );
    expect(view.bestInterests.map((r) => [r.recordId, r.kind])).toEqual([
      ['bia-1', 'assessment'],
      ['bid-1', 'determination'],
    ]);
    expect(view.bestInterests[0]).not.toHaveProperty('recommendations');
    const [, recorded] = await world.store.readStream(STREAM);
    expect(recorded.data).toMatchObject({
      recommendations: { subject: `child-${CASE_ID}`, fields: { recommendations: { v: 1 } } },
    });
    expect(await storedText(world)).not.toContain('tía en Honduras');
    expect(JSON.stringify(view)).not.toContain('tía en Honduras');
  });

  it('a determination needs a prior assessment (409); another country may not record (403); nothing is stored', async () => {
    await expect(
      world.commandBus.execute(
        new RecordBestInterestsCommand(
          MX_CASE_WORKER,
          input({ kind: 'determination', outcome: 'local_integration' }),
        ),
      ),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'referral.case.assessment_required' });
    await expect(
      world.commandBus.execute(new RecordBestInterestsCommand(GT_CASE_WORKER, input())),
    ).rejects.toMatchObject({ code: 'auth.forbidden.other_country' });
    await expect(
      world.commandBus.execute(
        new RecordBestInterestsCommand(MX_CASE_WORKER, input({ conductedOn: '2020-06-01' })),
      ),
    ).rejects.toMatchObject({ code: 'referral.case.date_before_detection' });
    expect(await world.store.readStream(STREAM)).toHaveLength(1);
  });

  it('without a record id, the Idempotency-Key names the record', async () => {
    const command = new RecordBestInterestsCommand(MX_CASE_WORKER, input({ recordId: undefined }), {
      commandId: 'b-1',
    });
    const first = await world.commandBus.execute(command);
    await world.commandBus.execute(command);
    expect(first.bestInterests).toHaveLength(1);
    expect(await world.store.readStream(STREAM)).toHaveLength(2);
  });
});

describe('RecordBestInterestsController', () => {
  it('dispatches the body for the path case', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    const { caseId: _c, ...body } = input();
    await new RecordBestInterestsController(bus).record(
      { caseId: CASE_ID },
      body as never,
      MX_CASE_WORKER,
      {},
    );
    expect(sent).toEqual([new RecordBestInterestsCommand(MX_CASE_WORKER, input(), {})]);
  });
});
