import type { LocalizedText } from '@crm/kernel';

/** The code lists of a case's commands (best interests, consent, interviews, closure), each with es/en labels. */
type CodeList = Readonly<Record<string, LocalizedText>>;

export const BEST_INTERESTS_KINDS = {
  assessment: { es: 'Evaluación del interés superior', en: 'Best-interests assessment' },
  determination: { es: 'Determinación del interés superior', en: 'Best-interests determination' },
} as const satisfies CodeList;
export type BestInterestsKind = keyof typeof BEST_INTERESTS_KINDS;

export const BEST_INTERESTS_OUTCOMES = {
  remain_in_country_of_destination: {
    es: 'Permanecer en el país de destino',
    en: 'Remain in the country of destination',
  },
  return_to_country_of_origin: { es: 'Retornar al país de origen', en: 'Return to the country of origin' },
  family_reunification_third_country: {
    es: 'Reunificación familiar en un tercer país',
    en: 'Family reunification in a third country',
  },
  local_integration: { es: 'Integración local', en: 'Local integration' },
  further_assessment_needed: { es: 'Se requiere más evaluación', en: 'Further assessment needed' },
} as const satisfies CodeList;
export type BestInterestsOutcome = keyof typeof BEST_INTERESTS_OUTCOMES;

/** The role of who conducted an assessment or a determination. */
export const BEST_INTERESTS_CONDUCTOR_ROLES = {
  case_worker: { es: 'Gestor/a de casos', en: 'Case worker' },
  social_worker: { es: 'Trabajador/a social', en: 'Social worker' },
  psychologist: { es: 'Psicólogo/a', en: 'Psychologist' },
  lawyer: { es: 'Abogado/a', en: 'Lawyer' },
  consular_officer: { es: 'Funcionario/a consular', en: 'Consular officer' },
  determination_panel: {
    es: 'Panel de determinación del interés superior',
    en: 'Best-interests determination panel',
  },
  other: { es: 'Otro', en: 'Other' },
} as const satisfies CodeList;
export type BestInterestsConductorRole = keyof typeof BEST_INTERESTS_CONDUCTOR_ROLES;

export const CONSENT_GIVERS = {
  child: { es: 'La niña, niño o adolescente', en: 'The child' },
  guardian: { es: 'Madre, padre o tutor legal', en: 'Parent or legal guardian' },
} as const satisfies CodeList;
export type ConsentGiver = keyof typeof CONSENT_GIVERS;

/** A child old enough gives consent; a younger child gives assent, which needs a guardian's consent too. */
export const CONSENT_FORMS = {
  consent: { es: 'Consentimiento', en: 'Consent' },
  assent: {
    es: 'Asentimiento (requiere el consentimiento del tutor)',
    en: "Assent (needs the guardian's consent)",
  },
} as const satisfies CodeList;
export type ConsentForm = keyof typeof CONSENT_FORMS;

/** Why a consent is withdrawn: a code, never free text (it would be text about the child, in clear). */
export const WITHDRAWAL_REASONS = {
  child_request: { es: 'A pedido de la niña, niño o adolescente', en: "At the child's request" },
  guardian_request: { es: 'A pedido de la madre, padre o tutor', en: "At the guardian's request" },
  no_longer_needed: { es: 'Ya no es necesario compartir', en: 'Sharing no longer needed' },
  recorded_in_error: { es: 'Registrado por error', en: 'Recorded in error' },
  other: { es: 'Otro motivo', en: 'Other reason' },
} as const satisfies CodeList;
export type WithdrawalReason = keyof typeof WITHDRAWAL_REASONS;

export const INTERVIEW_PURPOSES = {
  registration: { es: 'Registro inicial', en: 'Initial registration' },
  best_interests_assessment: { es: 'Evaluación del interés superior', en: 'Best-interests assessment' },
  best_interests_determination: {
    es: 'Determinación del interés superior',
    en: 'Best-interests determination',
  },
  international_protection_screening: {
    es: 'Identificación de necesidades de protección internacional',
    en: 'International-protection screening',
  },
  family_tracing: { es: 'Búsqueda de familia', en: 'Family tracing' },
  consular: { es: 'Entrevista consular', en: 'Consular interview' },
  health_psychosocial: { es: 'Salud o atención psicosocial', en: 'Health or psychosocial care' },
  return_preparation: { es: 'Preparación del retorno', en: 'Return preparation' },
  follow_up: { es: 'Seguimiento', en: 'Follow-up' },
  other: { es: 'Otro', en: 'Other' },
} as const satisfies CodeList;
export type InterviewPurpose = keyof typeof INTERVIEW_PURPOSES;

export const CASE_CLOSURE_OUTCOMES = {
  local_integration: {
    es: 'Solución duradera: integración local',
    en: 'Durable solution: local integration',
  },
  family_reunification: { es: 'Reunificación familiar', en: 'Family reunification' },
  safe_return_reintegration: { es: 'Retorno seguro y reintegración', en: 'Safe return and reintegration' },
  transferred_to_third_country: { es: 'Trasladada/o a un tercer país', en: 'Transferred to a third country' },
  reached_majority: { es: 'Cumplió la mayoría de edad', en: 'Reached the age of majority' },
  lost_contact: { es: 'Se perdió el contacto', en: 'Contact lost' },
  deceased: { es: 'Fallecimiento', en: 'Deceased' },
  duplicate_record: { es: 'Registro duplicado', en: 'Duplicate record' },
  other: { es: 'Otro', en: 'Other' },
} as const satisfies CodeList;
export type CaseClosureOutcome = keyof typeof CASE_CLOSURE_OUTCOMES;
