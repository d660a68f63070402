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

/**
 * Why a receiving institution declines a referral (FHIR Task.statusReason), and why a transferee declines a
 * transfer.
 */
export const DECLINE_REASONS = {
  outside_mandate: { es: 'Fuera del mandato de la institución', en: 'Outside the institution’s mandate' },
  no_capacity: { es: 'Sin capacidad de atención', en: 'No capacity' },
  child_not_found: { es: 'No se localizó a la niña, niño o adolescente', en: 'Child not found' },
  duplicate: { es: 'Referencia duplicada', en: 'Duplicate referral' },
  other: { es: 'Otro motivo', en: 'Other reason' },
} as const satisfies Codes<string>;
export type DeclineReason = keyof typeof DECLINE_REASONS;

/**
 * Why the sending institution revokes a sent referral (FHIR Task.statusReason). A code, never free text: a
 * detail about the child goes in the optional encrypted note (required with `other`).
 */
export const REVOKE_REASONS = {
  child_located_elsewhere: {
    es: 'La niña, niño o adolescente se encuentra en otro lugar',
    en: 'The child is somewhere else',
  },
  family_reunified: { es: 'Ya se reunificó con su familia', en: 'Already reunified with the family' },
  no_longer_needed: { es: 'La referencia ya no es necesaria', en: 'The referral is no longer needed' },
  wrong_institution: { es: 'Se dirigió a la institución equivocada', en: 'Sent to the wrong institution' },
  came_of_age: { es: 'Alcanzó la mayoría de edad', en: 'Came of age' },
  other: { es: 'Otro motivo (explíquelo en la nota)', en: 'Other reason (explain in the note)' },
} as const satisfies Codes<string>;
export type RevokeReason = keyof typeof REVOKE_REASONS;

/** Why a referral should never have existed (draft or requested → entered in error). */
export const ENTERED_IN_ERROR_REASONS = {
  wrong_case: { es: 'Caso equivocado', en: 'Wrong case' },
  wrong_institution: { es: 'Institución receptora equivocada', en: 'Wrong receiving institution' },
  duplicate: { es: 'Referencia duplicada', en: 'Duplicate referral' },
  test_record: { es: 'Registro de prueba', en: 'Test record' },
  other: { es: 'Otro motivo (explíquelo en la nota)', en: 'Other reason (explain in the note)' },
} as const satisfies Codes<string>;
export type EnteredInErrorReason = keyof typeof ENTERED_IN_ERROR_REASONS;

/** Why the receiving institution proposes to transfer the referral to a third country. */
export const TRANSFER_REASONS = {
  child_moved: {
    es: 'La niña, niño o adolescente se trasladó a ese país',
    en: 'The child moved to that country',
  },
  family_located: { es: 'Su familia se encuentra en ese país', en: 'The family is in that country' },
  services_available: {
    es: 'Los servicios que necesita se brindan en ese país',
    en: 'The services the child needs are provided in that country',
  },
  other: { es: 'Otro motivo (explíquelo en la nota)', en: 'Other reason (explain in the note)' },
} as const satisfies Codes<string>;
export type TransferReason = keyof typeof TRANSFER_REASONS;

/**
 * Why a referral is sent without (enough) consent: recorded in the basis with who authorised it, and shown
 * to the recipient, so it knows the data came without consent.
 */
export const OVERRIDE_REASONS = {
  imminent_risk: {
    es: 'Riesgo inminente para la vida o la integridad de la niña, niño o adolescente',
    en: "Imminent risk to the child's life or safety",
  },
  unable_to_consent: {
    es: 'La niña, niño o adolescente no puede consentir y no hay tutor localizable',
    en: 'The child cannot consent and no guardian can be reached',
  },
  legal_order: { es: 'Orden de una autoridad competente', en: 'Order of a competent authority' },
  other: { es: 'Otro motivo (explíquelo en la nota)', en: 'Other reason (explain in the note)' },
} as const satisfies Codes<string>;
export type OverrideReason = keyof typeof OVERRIDE_REASONS;

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
