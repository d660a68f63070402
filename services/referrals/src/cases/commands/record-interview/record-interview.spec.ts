import type { CommandBus } from '@nestjs/cqrs';
import {
  capturingBus,
  CASE_ID,
  casesWorld,
  MX_CASE_WORKER,
  MX_CONSUL,
  registerCase,
  type CasesWorld,
} from '../../../testing/cases-world';
import { RecordInterviewCommand, type RecordInterviewInput } from './record-interview.command';
import { RecordInterviewController } from './record-interview.controller';

const STREAM = `referralCase-${CASE_ID}`;
const interview = (over: Partial<RecordInterviewInput> = {}, principal = MX_CASE_WORKER) =>
  new RecordInterviewCommand(principal, {
    caseId: CASE_ID,
    interviewId: 'i-1',
    institutionId: 'MX-PROTECCION',
    conductedOn: '2020-06-21',
    purpose: 'registration',
    ...over,
  });

describe('record-interview: RecordInterviewCommand on the CommandBus', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerCase(world);
  });
  afterEach(() => world.close());

  it('counts interviews per institution; the third brings the re-victimisation warning', async () => {
    await world.commandBus.execute(interview());
    await world.commandBus.execute(
      interview({ interviewId: 'i-2', institutionId: 'HN-DINAF', purpose: 'consular' }),
    );
    const view = await world.commandBus.execute(interview({ interviewId: 'i-3', purpose: 'family_tracing' }));
    expect(view.interviews).toMatchObject({
      count: 3,
      byInstitution: [
        { institutionId: 'MX-PROTECCION', count: 2 },
        { institutionId: 'HN-DINAF', count: 1 },
      ],
      warning: { count: 3, threshold: 3, text: { es: expect.stringContaining('revictimizarla') } },
    });
  });

  it('the same interview again records nothing; another under the same id is 409; a consular officer 403', async () => {
    await world.commandBus.execute(interview());
    await world.commandBus.execute(interview());
    await expect(world.commandBus.execute(interview({ purpose: 'follow_up' }))).rejects.toMatchObject({
      kind: 'conflict',
      code: 'referral.case.interview_exists',
    });
    await expect(
      world.commandBus.execute(interview({ interviewId: 'i-9' }, MX_CONSUL)),
    ).rejects.toMatchObject({
      code: 'auth.forbidden.role_not_permitted',
    });
    expect(await world.store.readStream(STREAM)).toHaveLength(2);
  });
});

describe('RecordInterviewController', () => {
  it('dispatches the interview for the path case', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    await new RecordInterviewController(bus).record(
      { caseId: CASE_ID },
      {
        interviewId: 'i-1',
        institutionId: 'MX-PROTECCION',
        conductedOn: '2020-06-21',
        purpose: 'registration',
      },
      MX_CASE_WORKER,
      {},
    );
    expect(sent).toEqual([interview()]);
  });
});
