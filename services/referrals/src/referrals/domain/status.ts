import type { LocalizedText } from '@crm/kernel';

/**
 * Where a referral is in its lifecycle, modelled on the HL7 FHIR R4 Task that carries a referral
 * (`Task.status`). Our codes are stable (events, read models, integration messages); the FHIR code is what a
 * national system speaking FHIR sees.
 *
 * | code               | es                                | en                 | FHIR Task.status   | owner of the step into it |
 * | ------------------ | --------------------------------- | ------------------ | ------------------ | ------------------------- |
 * | `draft`            | Borrador                          | Draft              | `draft`            | sender                    |
 * | `requested`        | Solicitada                        | Requested          | `requested`        | sender                    |
 * | `acknowledged`     | Recibida (acuse de recibo)        | Acknowledged       | `received`         | receiver                  |
 * | `accepted`         | Aceptada                          | Accepted           | `accepted`         | receiver (or transferee)  |
 * | `in_progress`      | En atención                       | In progress        | `in-progress`      | receiver                  |
 * | `completed`        | Concluida                         | Completed          | `completed`        | receiver                  |
 * | `declined`         | Rechazada                         | Declined           | `rejected`         | receiver                  |
 * | `revoked`          | Revocada                          | Revoked            | `cancelled`        | sender                    |
 * | `entered_in_error` | Registrada por error              | Entered in error   | `entered-in-error` | sender                    |
 *
 * `completed`, `declined`, `revoked` and `entered_in_error` are terminal: no transition leaves them and no
 * deadline timer runs on them.
 */
export const REFERRAL_STATUSES = {
  draft: { label: { es: 'Borrador', en: 'Draft' }, fhir: 'draft' },
  requested: { label: { es: 'Solicitada', en: 'Requested' }, fhir: 'requested' },
  acknowledged: { label: { es: 'Recibida (acuse de recibo)', en: 'Acknowledged' }, fhir: 'received' },
  accepted: { label: { es: 'Aceptada', en: 'Accepted' }, fhir: 'accepted' },
  in_progress: { label: { es: 'En atención', en: 'In progress' }, fhir: 'in-progress' },
  completed: { label: { es: 'Concluida', en: 'Completed' }, fhir: 'completed' },
  declined: { label: { es: 'Rechazada', en: 'Declined' }, fhir: 'rejected' },
  revoked: { label: { es: 'Revocada', en: 'Revoked' }, fhir: 'cancelled' },
  entered_in_error: {
    label: { es: 'Registrada por error', en: 'Entered in error' },
    fhir: 'entered-in-error',
  },
} as const satisfies Record<string, { label: LocalizedText; fhir: string }>;

export type ReferralStatus = keyof typeof REFERRAL_STATUSES;
/** The FHIR R4 `Task.status` codes a referral status maps to. */
export type FhirTaskStatus = (typeof REFERRAL_STATUSES)[ReferralStatus]['fhir'];

/** Every status, in lifecycle order (the order views list them in). */
export const REFERRAL_STATUS_CODES = Object.keys(REFERRAL_STATUSES) as ReferralStatus[];

/** The statuses no transition leaves (and where no deadline runs). */
export const TERMINAL_STATUSES: readonly ReferralStatus[] = [
  'completed',
  'declined',
  'revoked',
  'entered_in_error',
];

export function isReferralStatus(value: unknown): value is ReferralStatus {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REFERRAL_STATUSES, value);
}

export function isTerminal(status: ReferralStatus | null): boolean {
  return status !== null && TERMINAL_STATUSES.includes(status);
}

/** The FHIR Task.status of a referral status (for national systems that speak FHIR). */
export function fhirTaskStatus(status: ReferralStatus): FhirTaskStatus {
  return REFERRAL_STATUSES[status].fhir;
}

/** The es/en label of a status; `null` (no referral yet) reads "no referral". */
export function statusLabel(status: ReferralStatus | null): LocalizedText {
  return status === null ? { es: 'sin referencia', en: 'no referral' } : REFERRAL_STATUSES[status].label;
}
