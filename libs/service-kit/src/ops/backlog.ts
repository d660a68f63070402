/**
 * Work of the service that falls due at an instant and waits to be handled: the due-but-unfired deadlines of a
 * DeadlineRunner (@crm/deadlines), and any other queue of the same shape. The second kind of source of
 * readiness and metrics, beside the event-store positions of `LagSource` (ops/lag.ts): a backlog is not a
 * position in `$all`, it is counted by its owner.
 */
export interface Backlog {
  /** Items due now and not handled yet (waiting for a poll or for a retry). */
  due: number;
  /** Milliseconds since the oldest of them fell due; null when none is due. */
  oldestDueAgeMs: number | null;
}

export interface BacklogSource {
  /** What it counts, e.g. `deadlines`: the readiness key is `<kind>:<name>`, the series' label `kind`. */
  kind: string;
  /** Which one, e.g. `referrals.deadlines` (the series' label `backlog`). */
  name: string;
  /** The backlog now; null when the source is not running in this process (not counted, not a failure). */
  backlog(): Promise<Backlog | null>;
  /**
   * `/health/ready` answers 503 when the oldest due item is older than this (default: the kit's
   * READY_MAX_BACKLOG_AGE_SECONDS). An item that stays due that long is not being handled: the handler fails
   * again and again, or nothing polls.
   */
  readyMaxAgeMs?: number;
}

/**
 * Injection token: a provider of `BacklogSource[]` under this token, in any module of the service, declares its
 * backlogs; the kit discovers every such provider (readiness and metrics), as it does for LAG_SOURCES.
 * `{ provide: BACKLOG_SOURCES, inject: [Timers], useFactory: (t: Timers) => [deadlineBacklogSource(t.runner)] }`
 */
export const BACKLOG_SOURCES = Symbol('crm.BacklogSources');

/**
 * A DeadlineRunner of @crm/deadlines (anything with its `name`, `running` and `backlog()`) as a backlog source
 * of kind `deadlines`: not counted while the runner is not running in this process.
 */
export function deadlineBacklogSource(
  runner: { name: string; running: boolean; backlog(): Promise<Backlog> },
  options: { readyMaxAgeMs?: number } = {},
): BacklogSource {
  return {
    kind: 'deadlines',
    name: runner.name,
    backlog: () => (runner.running ? runner.backlog() : Promise.resolve(null)),
    ...(options.readyMaxAgeMs !== undefined ? { readyMaxAgeMs: options.readyMaxAgeMs } : {}),
  };
}

/** Why `backlog` makes the service not ready (its oldest due item is older than `maxAgeMs`), or null. */
export function backlogProblem(backlog: Backlog, maxAgeMs: number): string | null {
  if (backlog.oldestDueAgeMs === null || backlog.oldestDueAgeMs <= maxAgeMs) return null;
  const age = Math.round(backlog.oldestDueAgeMs / 1000);
  return `${backlog.due} due, the oldest ${age} s ago: more than ${maxAgeMs / 1000} s (READY_MAX_BACKLOG_AGE_SECONDS)`;
}
