import { ConflictError, ValidationError } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import { normalizeText, type MultilingualText } from '../../reports/domain/text';
import type { ChangeWindow, ScheduleWindow, WindowCommand } from './commands';
import type { WindowEvent } from './events';
import type { WindowState } from './state';
import { validateWindow, type ReportingWindow } from './window';

export const WINDOW_REASON_MAX_LENGTH = 2000;

function reasonOrThrow(value: unknown, required: boolean): MultilingualText | null {
  if (value === undefined && !required) return null;
  const reason = normalizeText(value, WINDOW_REASON_MAX_LENGTH);
  if (!reason) {
    throw new ValidationError('plan.window.reason_required', {
      es: `Indique el motivo del cambio de la ventana de informe (en español o inglés, hasta ${WINDOW_REASON_MAX_LENGTH} caracteres).`,
      en: `Give the reason for changing the reporting window (in Spanish or English, up to ${WINDOW_REASON_MAX_LENGTH} characters).`,
    });
  }
  return reason;
}

/** The command's window, valid and of the stream's own period (422 otherwise). */
function windowOf(command: WindowCommand, state: WindowState): ReportingWindow {
  const window = validateWindow(command);
  if (state.window && state.window.period !== window.period) {
    throw new ValidationError(
      'plan.window.period_mismatch',
      {
        es: `Esta ventana pertenece al período ${state.window.period}, no a ${window.period}.`,
        en: `This window belongs to period ${state.window.period}, not ${window.period}.`,
      },
      { streamPeriod: state.window.period, commandPeriod: window.period },
    );
  }
  return window;
}

/** The first window of a period (409 when one is already scheduled: it can only be changed, with a reason). */
export function scheduleWindow(
  command: ScheduleWindow,
  state: WindowState,
  context: DecisionContext,
): WindowEvent[] {
  const window = windowOf(command, state);
  const reason = reasonOrThrow(command.reason, false);
  if (state.window) {
    throw new ConflictError(
      'plan.window.already_scheduled',
      {
        es: `La ventana de informe de ${window.period} ya está programada; para moverla use "cambiar ventana" con un motivo.`,
        en: `The reporting window of ${window.period} is already scheduled; to move it, change the window and give a reason.`,
      },
      { period: window.period },
    );
  }
  return [
    {
      type: 'WindowScheduled',
      data: {
        ...window,
        reason,
        scheduledAt: context.now.toISOString(),
        scheduledBy: context.actor.subject,
      },
    },
  ];
}

/** Moves a scheduled window (reason required; the same window again records nothing). */
export function changeWindow(
  command: ChangeWindow,
  state: WindowState,
  context: DecisionContext,
): WindowEvent[] {
  const window = windowOf(command, state);
  const reason = reasonOrThrow(command.reason, true) as MultilingualText;
  if (!state.window) {
    throw new ConflictError(
      'plan.window.not_scheduled',
      {
        es: `La ventana de informe de ${window.period} aún no está programada (rige la regla por defecto); prográmela primero.`,
        en: `The reporting window of ${window.period} is not scheduled yet (the default rule applies); schedule it first.`,
      },
      { period: window.period },
    );
  }
  if (state.window.opensAt === window.opensAt && state.window.closesAt === window.closesAt) return [];
  return [
    {
      type: 'WindowChanged',
      data: {
        ...window,
        previous: { opensAt: state.window.opensAt, closesAt: state.window.closesAt },
        reason,
        changedAt: context.now.toISOString(),
        changedBy: context.actor.subject,
      },
    },
  ];
}

/** Decides a window command; the compiler checks that every command has its case. */
export function decideWindow(
  command: WindowCommand,
  state: WindowState,
  context: DecisionContext,
): WindowEvent[] {
  switch (command.type) {
    case 'ScheduleWindow':
      return scheduleWindow(command, state, context);
    case 'ChangeWindow':
      return changeWindow(command, state, context);
    default: {
      const _never: never = command;
      throw unknownWindowCommand(_never);
    }
  }
}

function unknownWindowCommand(command: never): ValidationError {
  const type = String((command as { type?: unknown }).type);
  return new ValidationError(
    'plan.window.unknown_command',
    { es: `Comando desconocido: ${type}.`, en: `Unknown command: ${type}.` },
    { type },
  );
}
