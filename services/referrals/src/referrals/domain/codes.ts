import type { LocalizedText } from '@crm/kernel';

/**
 * The referral's own codes (stored in events and read models), each with its es/en label. Codes are stable;
 * labels may be reworded. The codes shared with other contexts (data categories, follow-up services) are in
 * `../../shared/vocabulary.ts`.
 */
type Codes<Code extends string> = Readonly<Record<Code, LocalizedText>>;

/** How fast the receiving institution should act. */
export const URGENCIES = {
  routine: { es: 'Ordinaria', en: 'Routine' },
  urgent: { es: 'Urgente', en: 'Urgent' },
} as const satisfies Codes<string>;
export type Urgency = keyof typeof URGENCIES;

/** Why a receiving institution declines a referral (FHIR Task.statusReason). */
export const DECLINE_REASONS = {
  outside_mandate: { es: 'Fuera del mandato de la institución', en: 'Outside the institution’s mandate' },
  no_capacity: { es: 'Sin capacidad de atención', en: 'No capacity' },
  child_not_found: { es: 'No se localizó a la niña, niño o adolescente', en: 'Child not found' },
  duplicate: { es: 'Referencia duplicada', en: 'Duplicate referral' },
  other: { es: 'Otro motivo', en: 'Other reason' },
} as const satisfies Codes<string>;
export type DeclineReason = keyof typeof DECLINE_REASONS;

/** Where a service reported in a follow-up stands. */
export const FOLLOW_UP_STATUSES = {
  planned: { es: 'Planificado', en: 'Planned' },
  provided: { es: 'Brindado', en: 'Provided' },
  not_available: { es: 'No disponible', en: 'Not available' },
} as const satisfies Codes<string>;
export type FollowUpStatus = keyof typeof FOLLOW_UP_STATUSES;

/** How a referral ended (recorded when the receiving institution closes it). */
export const CLOSE_OUTCOMES = {
  services_delivered: { es: 'Servicios brindados', en: 'Services delivered' },
  reunified: { es: 'Reunificación familiar', en: 'Reunified with family' },
  returned_safely: { es: 'Retorno seguro', en: 'Returned safely' },
  locally_integrated: { es: 'Integración local', en: 'Locally integrated' },
  transferred: { es: 'Trasladada a otra institución', en: 'Transferred to another institution' },
  lost_contact: { es: 'Se perdió el contacto', en: 'Contact lost' },
  came_of_age: { es: 'Alcanzó la mayoría de edad', en: 'Came of age' },
  other: { es: 'Otro', en: 'Other' },
} as const satisfies Codes<string>;
export type CloseOutcome = keyof typeof CLOSE_OUTCOMES;

/** The steps of a referral that have a deadline, and who is chased when it is missed. */
export const DEADLINE_STEPS = {
  acknowledge: { es: 'acuse de recibo', en: 'acknowledgement' },
  decide: { es: 'decisión (aceptar o rechazar)', en: 'decision (accept or decline)' },
  withdrawal: {
    es: 'acuse del retiro del consentimiento',
    en: 'acknowledgement of the consent withdrawal',
  },
} as const satisfies Codes<string>;
export type DeadlineStep = keyof typeof DEADLINE_STEPS;
export const DEADLINE_STEP_CODES = Object.keys(DEADLINE_STEPS) as DeadlineStep[];

/** Whom an escalation goes to: level 1 the receiving institution's backup focal point, level 2 the Secretariat. */
export const ESCALATION_TARGETS = {
  backup_focal_point: {
    es: 'Punto focal suplente de la institución receptora',
    en: 'Backup focal point of the receiving institution',
  },
  secretariat: { es: 'Secretaría Técnica de la CRM', en: 'CRM Technical Secretariat' },
} as const satisfies Codes<string>;
export type EscalationTarget = keyof typeof ESCALATION_TARGETS;
export type EscalationLevel = 1 | 2;
/** The target of each escalation level. */
export const ESCALATION_LEVELS: Readonly<Record<EscalationLevel, EscalationTarget>> = {
  1: 'backup_focal_point',
  2: 'secretariat',
};
