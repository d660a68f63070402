import type { Deadline } from '@crm/deadlines';
import { InternalError } from '@crm/kernel';
import type { CommandOptions } from '@crm/service-kit';
import { pendingTimers, type DeadlineStep, type PendingTimer, type ReferralState } from '../referrals/domain';
import { EscalateOverdueCommand } from '../referrals/commands/escalate-overdue/escalate-overdue.command';
import { RemindOverdueCommand } from '../referrals/commands/remind-overdue/remind-overdue.command';
import { REFERRALS_SYSTEM_PRINCIPAL } from '../shared/system-actor';

/** What a referral timer's row carries: everything its command needs, so firing reads no state. */
export interface ReferralTimerPayload {
  referralId: string;
  step: DeadlineStep;
  /** The step's due instant the timer is for (the row's `due_at` is when it fires). */
  dueAt: string;
  /** remind: the step's level when it was scheduled; escalate: the level it escalates to. */
  level: number;
}

export type ReferralTimerKind = PendingTimer['kind'];

/**
 * The deadlines rows a referral's state implies: one per `pendingTimers(state)` timer, under the timer's key
 * (`referral-<id>/<step>/<kind>/<level>/<dueAt>`), firing at its `fireAt`, computed from `revision` (the
 * command it fires expects that revision). Empty for a draft or a closed referral.
 */
export function referralDeadlines(
  stream: string,
  state: ReferralState,
  revision: number,
): Array<Deadline<ReferralTimerPayload>> {
  return pendingTimers(state).map((timer) => ({
    key: timer.key,
    stream,
    kind: timer.kind,
    dueAt: new Date(timer.fireAt),
    payload: { referralId: timer.referralId, step: timer.step, dueAt: timer.dueAt, level: timer.level },
    expectedRevision: revision,
  }));
}

/**
 * The command a due timer sends, as the system principal: its key is the command id (a timer fired again records
 * nothing new) and the revision it was scheduled at the expected revision (412 when the referral moved since).
 */
export function timerCommand(
  deadline: Pick<Deadline<ReferralTimerPayload>, 'key' | 'kind' | 'payload' | 'expectedRevision'>,
): RemindOverdueCommand | EscalateOverdueCommand {
  const { referralId, step, dueAt } = deadline.payload;
  const options: CommandOptions = {
    commandId: deadline.key,
    ...(deadline.expectedRevision == null ? {} : { expectedRevision: deadline.expectedRevision }),
  };
  const input = { referralId, step, dueAt };
  if (deadline.kind === 'remind') return new RemindOverdueCommand(REFERRALS_SYSTEM_PRINCIPAL, input, options);
  if (deadline.kind === 'escalate')
    return new EscalateOverdueCommand(REFERRALS_SYSTEM_PRINCIPAL, input, options);
  throw new InternalError(
    'referral.unknown_timer',
    {
      es: `El plazo ${deadline.key} es de un tipo desconocido ("${deadline.kind}"): el servicio de referencias solo programa recordatorios y escalamientos. Revise la tabla de plazos.`,
      en: `Deadline ${deadline.key} is of an unknown kind ("${deadline.kind}"): the referral service schedules only reminders and escalations. Check the deadlines table.`,
    },
    { key: deadline.key, kind: deadline.kind },
  );
}
