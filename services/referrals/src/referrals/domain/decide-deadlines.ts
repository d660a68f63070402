import { ForbiddenError } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import { DEADLINE_STEPS, ESCALATION_LEVELS, type DeadlineStep } from './codes';
import type { EscalateOverdue, RemindOverdue, SystemCommandType } from './commands';
import { requireSameReferral } from './checks';
import type { ReferralEvent } from './events';
import { DEADLINE_RUNNER_SUBJECT, SYSTEM_ROLE, isSystemActor } from './sides';
import type { ReferralState, StepDeadline } from './state';
import { nextLevel, reminderAt, reminderOwed, runsDeadlines } from './timers';
import { validCode, validInstant } from './validation';

/**
 * The deadline runner's commands. They never refuse a timer for the state it finds: a timer whose step is no
 * longer open, whose `dueAt` is not the step's current due instant (stale: the step moved on), that already
 * fired, that fires early, or on a referral that is not open (draft or terminal) decides no event. So a timer
 * firing twice records once, and the runner need not know the referral's state.
 */

/** 403 `referral.system_only` unless the actor is the platform's system actor. */
export function requireSystemActor(command: SystemCommandType, actor: DecisionContext['actor']): void {
  if (isSystemActor(actor)) return;
  throw new ForbiddenError(
    'referral.system_only',
    {
      es: `Solo el sistema de la plataforma envía "${command}" (los plazos y los retiros de consentimiento se procesan automáticamente); ninguna persona ni institución puede enviarlo.`,
      en: `Only the platform's system sends "${command}" (deadlines and consent withdrawals are processed automatically); no person or institution may send it.`,
    },
    {
      attempted: command,
      expectedRole: SYSTEM_ROLE,
      expectedSubject: DEADLINE_RUNNER_SUBJECT,
      role: actor.role,
    },
  );
}

/** The step a timer is for, when it is open with that very due instant on an open referral; else null. */
function currentStep(state: ReferralState, step: DeadlineStep, dueAt: string): StepDeadline | null {
  if (!runsDeadlines(state)) return null;
  const open = state.steps[step];
  return open && open.dueAt === dueAt ? open : null;
}

function timerInput(command: RemindOverdue | EscalateOverdue): { step: DeadlineStep; dueAt: string } {
  return {
    step: validCode(command.step, DEADLINE_STEPS, 'referral.invalid_step', 'step'),
    dueAt: validInstant(command.dueAt, 'dueAt'),
  };
}

/** System: the reminder half-way through a step's current window (once per due instant). */
export function remindOverdue(
  command: RemindOverdue,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const { step, dueAt } = timerInput(command);
  const referralId = requireSameReferral(command, state);
  requireSystemActor('RemindOverdue', context.actor);
  const open = currentStep(state, step, dueAt);
  if (!open || !reminderOwed(open) || context.now.getTime() < Date.parse(reminderAt(open))) return [];
  return [
    {
      type: 'ReferralReminderSent',
      data: { referralId, step, dueAt, count: open.reminders + 1, remindedAt: context.now.toISOString() },
    },
  ];
}

/**
 * System: the step's due instant passed. Level 1 (backup focal point of the receiving institution) opens the
 * same window again from the missed due instant; level 2 (Secretariat) is the last.
 */
export function escalateOverdue(
  command: EscalateOverdue,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const { step, dueAt } = timerInput(command);
  const referralId = requireSameReferral(command, state);
  requireSystemActor('EscalateOverdue', context.actor);
  const open = currentStep(state, step, dueAt);
  const level = open ? nextLevel(open) : null;
  if (!open || level === null || context.now.getTime() < Date.parse(dueAt)) return [];
  return [
    {
      type: 'ReferralEscalated',
      data: {
        referralId,
        step,
        level,
        escalatedTo: ESCALATION_LEVELS[level],
        receiver: state.to!,
        dueAt,
        nextDueAt: level === 1 ? new Date(Date.parse(dueAt) + open.windowMs).toISOString() : null,
        escalatedAt: context.now.toISOString(),
      },
    },
  ];
}
