import { given } from '@crm/decider';
import { ConflictError } from '@crm/kernel';
import { caseDecider } from './decider';
import { fakeProtected } from '../../directory/domain/test-support';
import { AT, BY, CASE_ID, commands, ctx, fakeCiphertext, history, NOW, SUBJECT } from './test-support';

const registered = history(commands.register());
const assessed = history(commands.register(), commands.assessment('bia-1'));

describe('RecordBestInterests', () => {
  it('records an assessment, its recommendations encrypted under the child key', () => {
    const then = given(caseDecider, ...registered)
      .when(commands.assessment('bia-1'), NOW)
      .then({
        type: 'BestInterestsRecorded',
        data: {
          caseId: CASE_ID,
          recordId: 'bia-1',
          kind: 'assessment',
          conductedBy: { institutionId: 'HN-DINAF', role: 'social_worker' },
          conductedOn: '2020-06-25',
          outcome: 'family_reunification_third_country',
          recommendations: fakeProtected(SUBJECT, ['recommendations']),
          recordedAt: AT,
          recordedBy: BY,
        },
      });
    expect(then.state.bestInterests.map((r) => r.recordId)).toEqual(['bia-1']);
  });

  it('a determination needs a prior assessment (409); after one it is recorded', () => {
    const determination = commands.assessment('bid-1', {
      kind: 'determination',
      outcome: 'family_reunification_third_country',
      conductedBy: { institutionId: 'HN-DINAF', role: 'determination_panel' },
      conductedOn: '2020-06-29',
    });
    const error = given(caseDecider, ...registered)
      .when(determination, NOW)
      .thenThrows('referral.case.assessment_required');
    expect(error).toBeInstanceOf(ConflictError);
    expect(given(caseDecider, ...assessed).when(determination, NOW).events).toHaveLength(1);
    // an assessment conducted after the determination's date is not a prior one
    const early = { ...determination, conductedOn: '2020-06-24' } as typeof determination;
    given(caseDecider, ...assessed)
      .when(early, NOW)
      .thenThrows('referral.case.assessment_required');
  });

  it('an assessment of a receiving institution of another country is recorded too', () => {
    const byGuatemala = commands.assessment('bia-gt', {
      conductedBy: { institutionId: 'GT-SBS', role: 'psychologist' },
    });
    expect(given(caseDecider, ...registered).when(byGuatemala, NOW).events).toHaveLength(1);
  });

  it('the same record again records nothing; other content under the same id is refused (409)', () => {
    given(caseDecider, ...assessed)
      .when(commands.assessment('bia-1'), ctx('2020-07-02T00:00:00Z'))
      .thenNothingHappened();
    given(caseDecider, ...assessed)
      .when(commands.assessment('bia-1', { outcome: 'local_integration' }), NOW)
      .thenThrows('referral.case.record_exists');
  });

  it.each([
    [
      'a determination "further assessment needed"',
      { kind: 'determination', outcome: 'further_assessment_needed' },
      'referral.case.invalid_best_interests',
    ],
    ['an unknown kind', { kind: 'review' }, 'referral.case.invalid_best_interests'],
    ['an unknown outcome', { outcome: 'adoption' }, 'referral.case.invalid_best_interests'],
    [
      'an unknown role',
      { conductedBy: { institutionId: 'HN-DINAF', role: 'judge' } },
      'referral.case.invalid_best_interests',
    ],
    [
      'a malformed institution',
      { conductedBy: { institutionId: 'DINAF', role: 'lawyer' } },
      'referral.institution.invalid_id',
    ],
    ['a date in the future', { conductedOn: '2020-07-01' }, 'referral.case.date_in_future'],
    ['a date before the detection', { conductedOn: '2020-06-19' }, 'referral.case.date_before_detection'],
    [
      'plaintext recommendations',
      { recommendations: { subject: SUBJECT, fields: { recommendations: 'reunify' } } },
      'referral.case.invalid_best_interests',
    ],
    [
      'recommendations under another key',
      { recommendations: { subject: 'child-x', fields: { recommendations: fakeCiphertext('r') } } },
      'referral.case.invalid_best_interests',
    ],
    [
      'no recommendations',
      { recommendations: { subject: SUBJECT, fields: {} } },
      'referral.case.invalid_best_interests',
    ],
    ['a malformed id', { recordId: 'bia 1' }, 'referral.case.invalid_entry_id'],
  ])('refuses %s (422)', (_what, over, code) => {
    given(caseDecider, ...registered)
      .when(commands.assessment('bia-2', over as never), NOW)
      .thenThrows(code);
  });
});

describe('RecordInterview', () => {
  it('records who interviewed the child, when and why', () => {
    given(caseDecider, ...registered)
      .when(commands.interview('int-1'), NOW)
      .then({
        type: 'InterviewRecorded',
        data: {
          caseId: CASE_ID,
          interviewId: 'int-1',
          institutionId: 'HN-DINAF',
          conductedOn: '2020-06-21',
          purpose: 'registration',
          recordedAt: AT,
          recordedBy: BY,
        },
      });
  });

  it('the same interview again records nothing; other details under its id are refused (409)', () => {
    const once = history(commands.register(), commands.interview('int-1'));
    given(caseDecider, ...once)
      .when(commands.interview('int-1'), NOW)
      .thenNothingHappened();
    given(caseDecider, ...once)
      .when(commands.interview('int-1', 'MX-DIF'), NOW)
      .thenThrows('referral.case.interview_exists');
  });

  it('refuses an unknown purpose, a future date, a date before detection (422) and a case not registered (404)', () => {
    given(caseDecider, ...registered)
      .when({ ...commands.interview('int-2'), purpose: 'chat' } as never, NOW)
      .thenThrows('referral.case.invalid_interview');
    given(caseDecider, ...registered)
      .when(commands.interview('int-2', 'HN-DINAF', '2020-07-01'), NOW)
      .thenThrows('referral.case.date_in_future');
    given(caseDecider, ...registered)
      .when(commands.interview('int-2', 'HN-DINAF', '2020-06-01'), NOW)
      .thenThrows('referral.case.date_before_detection');
    given(caseDecider).when(commands.interview('int-2'), NOW).thenThrows('referral.case.not_registered');
  });
});
