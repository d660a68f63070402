import { backlogProblem, deadlineBacklogSource } from './backlog';

describe('backlog sources', () => {
  it('a backlog is a readiness problem only when its oldest due item is older than the limit', () => {
    expect(backlogProblem({ due: 0, oldestDueAgeMs: null }, 1_000)).toBeNull();
    expect(backlogProblem({ due: 3, oldestDueAgeMs: 1_000 }, 1_000)).toBeNull();
    expect(backlogProblem({ due: 3, oldestDueAgeMs: 61_000 }, 60_000)).toBe(
      '3 due, the oldest 61 s ago: more than 60 s (READY_MAX_BACKLOG_AGE_SECONDS)',
    );
  });

  it('a deadline runner is a source of kind deadlines, counted only while it runs', async () => {
    const runner = {
      name: 'referrals.deadlines',
      running: false,
      backlog: async () => ({ due: 2, oldestDueAgeMs: 5_000 }),
    };
    const source = deadlineBacklogSource(runner, { readyMaxAgeMs: 120_000 });
    expect(source).toMatchObject({ kind: 'deadlines', name: 'referrals.deadlines', readyMaxAgeMs: 120_000 });
    await expect(source.backlog()).resolves.toBeNull();
    runner.running = true;
    await expect(source.backlog()).resolves.toEqual({ due: 2, oldestDueAgeMs: 5_000 });
    expect(deadlineBacklogSource(runner)).not.toHaveProperty('readyMaxAgeMs');
  });
});
