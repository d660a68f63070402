import { ValidationError, ConflictError } from '@crm/kernel';
import type { Decider, DecisionContext, DomainEvent } from '@crm/decider';
import { normalizeText, type MultilingualText } from '../reports/text';
import { parsePeriod, type ReportingPeriod } from './period';
import { defaultWindow, validateWindow, type ReportingWindow } from './window';

/** One stream per period holds the Secretariat's decisions about that period's reporting window. */
export const WINDOW_STREAM_CATEGORY = 'planWindows';

export function windowStreamName(period: ReportingPeriod): string {
  parsePeriod(period);
  return `${WINDOW_STREAM_CATEGORY}-${period}`;
}

export const WINDOW_REASON_MAX_LENGTH = 2000;

export interface ScheduleWindow {
  type: 'ScheduleWindow';
  period: ReportingPeriod;
  opensAt: string | Date;
  closesAt: string | Date;
  /** Optional: why the window differs from the default rule. */
  reason?: MultilingualText;
}

export interface ChangeWindow {
  type: 'ChangeWindow';
  period: ReportingPeriod;
  opensAt: string | Date;
  closesAt: string | Date;
  /** Required: why an already scheduled window moves. */
  reason: MultilingualText;
}

export type WindowCommand = ScheduleWindow | ChangeWindow;

export type WindowScheduled = DomainEvent<
  'WindowScheduled',
  ReportingWindow & { reason: MultilingualText | null; scheduledAt: string; scheduledBy: string }
>;
export type WindowChanged = DomainEvent<
  'WindowChanged',
  ReportingWindow & {
    previous: { opensAt: string; closesAt: string };
    reason: MultilingualText;
    changedAt: string;
    changedBy: string;
  }
>;
export type WindowEvent = WindowScheduled | WindowChanged;

export interface WindowState {
  /** Null until the Secretariat schedules a window: then the default rule applies. */
  window: ReportingWindow | null;
  /** How many times the scheduled window was changed. */
  changes: number;
}

/** The window that applies to `period`: the scheduled one, else the default rule. */
export function effectiveWindow(period: ReportingPeriod, state: WindowState): ReportingWindow {
  return state.window ?? defaultWindow(period);
}

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

function decide(command: WindowCommand, state: WindowState, context: DecisionContext): WindowEvent[] {
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
  const at = context.now.toISOString();
  if (command.type === 'ScheduleWindow') {
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
        data: { ...window, reason, scheduledAt: at, scheduledBy: context.actor.subject },
      },
    ];
  }
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
        changedAt: at,
        changedBy: context.actor.subject,
      },
    },
  ];
}

function evolve(state: WindowState, event: WindowEvent): WindowState {
  switch (event.type) {
    case 'WindowScheduled':
    case 'WindowChanged': {
      const { period, opensAt, closesAt } = event.data;
      return {
        window: { period, opensAt, closesAt },
        changes: event.type === 'WindowChanged' ? state.changes + 1 : state.changes,
      };
    }
    default:
      return state;
  }
}

/** The Secretariat's decider for a `planWindows-<period>` stream. */
export const windowDecider: Decider<WindowCommand, WindowEvent, WindowState> = {
  decide,
  evolve,
  initialState: () => ({ window: null, changes: 0 }),
};
