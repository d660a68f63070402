import type { CommandBus } from '@nestjs/cqrs';
import type { DueDeadline } from '@crm/deadlines';
import { PreconditionFailedError } from '@crm/kernel';
import { timerCommand, type ReferralTimerPayload } from './referral-timers';

const STALE_REVISION = 'command.stale_revision';

/**
 * The deadline runner's `fire` for referral timers: dispatches RemindOverdue / EscalateOverdue through the
 * CommandBus as the system principal, with the deadline key as command id and the revision the timer was
 * scheduled at as expected revision. Idempotent: a timer fired again (a crash before the runner marked it fired)
 * finds its own events and records nothing; a timer whose step moved on decides no event.
 *
 * A 412 (the referral changed since the timer was scheduled) is NOT a fired timer: it is thrown again, so the
 * runner keeps the row pending and retries it. Why not mark it done: the keys have no revision in them, and the
 * deadlines projection, which recomputes `pendingTimers` on every event, reschedules a still-needed timer under
 * the SAME key at the new revision (its attempts start again) — a key marked fired would be closed for good and
 * that reschedule would be refused, losing e.g. the escalation due in the same poll as the reminder that moved
 * the revision (what happens after the service was down). Why not decide again without the expected revision:
 * the command would be decided on a state the timer was not computed from; the projection is the one place that
 * says which timers a state needs. So the runner waits for it: it reschedules the row (fired then at the new
 * revision) or cancels it (the acknowledgement came first), usually before the first retry.
 */
export function fireReferralTimer(
  commandBus: Pick<CommandBus, 'execute'>,
): (deadline: DueDeadline<ReferralTimerPayload>) => Promise<void> {
  return async (deadline) => {
    try {
      await commandBus.execute(timerCommand(deadline));
    } catch (error) {
      if ((error as { code?: unknown })?.code === STALE_REVISION) throw staleTimer(deadline, error);
      throw error;
    }
  };
}

function staleTimer(deadline: DueDeadline<ReferralTimerPayload>, cause: unknown): PreconditionFailedError {
  const actual = (cause as { details?: { actual?: unknown } }).details?.actual;
  return new PreconditionFailedError(
    'referral.timer_stale',
    {
      es: `La referencia cambió desde que se programó el plazo ${deadline.key} (revisión ${deadline.expectedRevision}, ahora ${String(actual)}): el plazo queda pendiente hasta que la proyección de plazos lo reprograme o lo cancele.`,
      en: `The referral changed since deadline ${deadline.key} was scheduled (revision ${deadline.expectedRevision}, now ${String(actual)}): the deadline stays pending until the deadlines projection reschedules or cancels it.`,
    },
    { key: deadline.key, expected: deadline.expectedRevision, actual: actual ?? null },
  );
}
