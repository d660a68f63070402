import { interviewCount, interviewsByInstitution, interviewWarning } from './interviews';
import { commands, history, stateOf } from './test-support';

const interviewed = (n: number) =>
  stateOf(
    history(
      commands.register(),
      ...Array.from({ length: n }, (_, i) =>
        commands.interview(`int-${i + 1}`, i % 2 === 0 ? 'HN-DINAF' : 'MX-DIF'),
      ),
    ),
  );

describe('interviews of a child', () => {
  it('counts the interviews, per institution in the order they first interviewed the child', () => {
    expect(interviewCount(interviewed(0))).toBe(0);
    expect(interviewCount(interviewed(3))).toBe(3);
    expect(interviewsByInstitution(interviewed(3))).toEqual([
      { institutionId: 'HN-DINAF', count: 2 },
      { institutionId: 'MX-DIF', count: 1 },
    ]);
  });

  it('a repeated interview command is not counted twice', () => {
    const state = stateOf(
      history(commands.register(), commands.interview('int-1'), commands.interview('int-1')),
    );
    expect(interviewCount(state)).toBe(1);
  });

  it('warns from the third interview by default', () => {
    expect(interviewWarning(interviewed(2))).toBeNull();
    const warning = interviewWarning(interviewed(3));
    expect(warning).toMatchObject({ count: 3, threshold: 3 });
    expect(warning?.byInstitution).toHaveLength(2);
    expect(warning?.text.es).toContain('3 veces');
    expect(warning?.text.en).toContain('3 times');
  });

  it('the threshold is configurable, and must be a positive integer', () => {
    expect(interviewWarning(interviewed(1), 1)?.count).toBe(1);
    expect(interviewWarning(interviewed(4), 5)).toBeNull();
    expect(() => interviewWarning(interviewed(1), 0)).toThrow(
      expect.objectContaining({ code: 'referral.case.invalid_interview_threshold' }),
    );
    expect(() => interviewWarning(interviewed(1), 2.5)).toThrow(
      expect.objectContaining({ code: 'referral.case.invalid_interview_threshold' }),
    );
  });
});
