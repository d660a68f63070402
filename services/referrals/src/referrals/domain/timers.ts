import type { DeadlineStep, EscalationLevel } from './codes';
import { DEADLINE_STEP_CODES } from './codes';
import type { ReferralState, StepDeadline } from './state';
import { isTerminal } from './status';

/**
 * The timers a referral needs now, derived from its state alone; a projection reconciles them into the
 * deadlines table (insert the missing keys, delete the ones no longer listed) and the deadline runner fires
 * each at `fireAt` as RemindOverdue / EscalateOverdue `{ step, dueAt }`.
 *
 * For every open step of an open referral (not draft, not terminal), while its escalation level is below 2:
 * - `remind` (level = the step's current level) fires half-way through the step's current window, i.e.
 *   `dueAt − window / 2` (24 h before a 48 h deadline), once per due instant;
 * - `escalate` (level = the level it escalates to, 1 then 2) fires at `dueAt`. Level 1 goes to the receiving
 *   institution's backup focal point and opens the same window again (new `dueAt` = old dueAt + window), with
 *   its own reminder; level 2 goes to the Secretariat and is the last.
 * Keys are `referral-<id>/<step>/<kind>/<level>/<dueAt>`: deterministic, unique per step, kind, level and due
 * instant, so a new due instant (after an escalation) is a new key and the old timers fall away.
 */
export interface PendingTimer {
  key: string;
  referralId: string;
  step: DeadlineStep;
  kind: 'remind' | 'escalate';
  /** The step's due instant the timer is for (the command carries it back; a stale one decides nothing). */
  dueAt: string;
  /** When the runner should fire it. */
  fireAt: string;
  /** remind: the step's current level (0 or 1); escalate: the level it escalates to (1 or 2). */
  level: number;
}

/** When the reminder of a step's current window is due: half-way through it. */
export function reminderAt(step: StepDeadline): string {
  return new Date(Date.parse(step.dueAt) - Math.floor(step.windowMs / 2)).toISOString();
}

export function timerKey(
  referralId: string,
  step: DeadlineStep,
  kind: PendingTimer['kind'],
  level: number,
  dueAt: string,
): string {
  return `referral-${referralId}/${step}/${kind}/${level}/${dueAt}`;
}

/** Whether the referral runs deadlines at all: sent and not closed. */
export function runsDeadlines(state: Pick<ReferralState, 'status'>): boolean {
  return state.status !== null && state.status !== 'draft' && !isTerminal(state.status);
}

/** The level an escalation of this step goes to next, or null when it already reached the Secretariat. */
export function nextLevel(step: StepDeadline): EscalationLevel | null {
  return step.level === 0 ? 1 : step.level === 1 ? 2 : null;
}

/** Whether a reminder for the step's current due instant is still to be sent. */
export function reminderOwed(step: StepDeadline): boolean {
  return nextLevel(step) !== null && step.remindedDueAt !== step.dueAt;
}

/** Exactly the timers to have scheduled now (see above), in step order, reminder before escalation. */
export function pendingTimers(state: ReferralState): PendingTimer[] {
  if (!runsDeadlines(state) || state.referralId === null) return [];
  const referralId = state.referralId;
  const timers: PendingTimer[] = [];
  for (const stepName of DEADLINE_STEP_CODES) {
    const step = state.steps[stepName];
    if (!step) continue;
    const level = nextLevel(step);
    if (level === null) continue;
    if (reminderOwed(step)) {
      timers.push({
        key: timerKey(referralId, stepName, 'remind', step.level, step.dueAt),
        referralId,
        step: stepName,
        kind: 'remind',
        dueAt: step.dueAt,
        fireAt: reminderAt(step),
        level: step.level,
      });
    }
    timers.push({
      key: timerKey(referralId, stepName, 'escalate', level, step.dueAt),
      referralId,
      step: stepName,
      kind: 'escalate',
      dueAt: step.dueAt,
      fireAt: step.dueAt,
      level,
    });
  }
  return timers;
}
