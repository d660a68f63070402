import type { LocalizedText } from '@crm/kernel';
import type { ReportEventType } from '../../reports/domain/events';

export type Lang = 'es' | 'en';

export const EVENT_LABELS: Record<ReportEventType, LocalizedText> = {
  ReportDrafted: { es: 'Borrador guardado', en: 'Draft saved' },
  ReportSubmitted: { es: 'Enviado', en: 'Submitted' },
  ReportApproved: { es: 'Aprobado', en: 'Approved' },
  ReportReturned: { es: 'Devuelto con observaciones', en: 'Returned with comments' },
  ReportReopened: { es: 'Reabierto', en: 'Reopened' },
};

/** The columns of the accountability history, in order, with their es/en headers. */
export const HISTORY_COLUMNS = [
  ['recordedAt', { es: 'Registrado (UTC)', en: 'Recorded (UTC)' }],
  ['occurredAt', { es: 'Ocurrido', en: 'Occurred' }],
  ['actor', { es: 'Actor', en: 'Actor' }],
  ['role', { es: 'Rol', en: 'Role' }],
  ['actorCountry', { es: 'País del actor', en: 'Actor country' }],
  ['institution', { es: 'Institución', en: 'Institution' }],
  ['country', { es: 'País', en: 'Country' }],
  ['activityId', { es: 'Actividad', en: 'Activity' }],
  ['period', { es: 'Período', en: 'Period' }],
  ['event', { es: 'Evento', en: 'Event' }],
  ['fromState', { es: 'Estado anterior', en: 'Previous state' }],
  ['toState', { es: 'Estado nuevo', en: 'New state' }],
  ['fromStatus', { es: 'Avance anterior', en: 'Previous status' }],
  ['toStatus', { es: 'Avance nuevo', en: 'New status' }],
  ['late', { es: 'Tardío', en: 'Late' }],
  ['changes', { es: 'Cambios', en: 'Changes' }],
  ['why', { es: 'Motivo / observaciones', en: 'Reason / comments' }],
  ['eventId', { es: 'Id. del evento', en: 'Event id' }],
] as const satisfies ReadonlyArray<readonly [string, LocalizedText]>;
