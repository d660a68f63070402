/**
 * Outbound, country scope: the deadlines of an open step (acknowledge, decide, acknowledge a consent
 * withdrawal) were reminded half-way, or escalated when they passed.
 */
import { Type, type Static } from '@sinclair/typebox';
import { defineContract } from '../contract';
import { StringEnum, Timestamp, d } from '../schema-kit';
import { DEADLINE_STEP_CODES, ESCALATION_TARGET_CODES } from './codes';
import { EXAMPLE_REFERRAL, Institution, referralEventDescription, referralFields, tolerate } from './blocks';

const Step = StringEnum(
  DEADLINE_STEP_CODES,
  tolerate(
    'Paso con plazo: acuse de recibo, decisión, o acuse del retiro del consentimiento.',
    'Step with a deadline: acknowledge, decide, or acknowledge the consent withdrawal.',
  ),
);
const DueAt = Timestamp('Vencimiento del paso (RFC 3339).', "The step's due instant (RFC 3339).");
const SYSTEM_ACTOR = { subject: 'system|referrals-deadlines', role: 'system' };

export const ReferralReminderSentV1 = Type.Object(
  {
    ...referralFields,
    step: Step,
    dueAt: DueAt,
    count: Type.Integer({
      minimum: 1,
      ...d(
        'Recordatorios de este paso hasta ahora, este incluido.',
        'Reminders of this step so far, this one included.',
      ),
    }),
    remindedAt: Timestamp('Momento del recordatorio (RFC 3339).', 'When it was reminded (RFC 3339).'),
  },
  referralEventDescription(
    'A mitad del plazo de un paso abierto, se recordó a la institución receptora.',
    'Half-way through an open step, the receiving institution was reminded.',
  ),
);
export type ReferralReminderSentV1 = Static<typeof ReferralReminderSentV1>;

export const referralReminderSentV1 = defineContract({
  service: 'referrals',
  name: 'referrals.referral.reminder-sent',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Recordatorio de plazo enviado', en: 'Deadline reminder sent' },
  schema: ReferralReminderSentV1,
  example: {
    ...EXAMPLE_REFERRAL,
    status: 'requested',
    fhirStatus: 'requested',
    revision: 2,
    actor: SYSTEM_ACTOR,
    step: 'acknowledge',
    dueAt: '2026-03-04T15:00:00.000Z',
    count: 1,
    remindedAt: '2026-03-03T15:00:00.000Z',
  },
});

export const ReferralEscalatedV1 = Type.Object(
  {
    ...referralFields,
    step: Step,
    level: Type.Integer({
      minimum: 1,
      maximum: 2,
      ...d(
        'Nivel: 1 punto focal suplente de la institución receptora, 2 Secretaría Técnica (el último).',
        "Level: 1 the receiving institution's backup focal point, 2 the Technical Secretariat (the last).",
      ),
    }),
    escalatedTo: StringEnum(
      ESCALATION_TARGET_CODES,
      tolerate('A quién se escaló.', 'Whom it was escalated to.'),
    ),
    receiver: Institution(
      'Institución receptora cuyo paso venció.',
      'The receiving institution whose step is overdue.',
    ),
    dueAt: DueAt,
    nextDueAt: Type.Optional(
      Timestamp(
        'Nuevo vencimiento tras el nivel 1 (ausente en el nivel 2).',
        'New due instant after level 1 (absent at level 2).',
      ),
    ),
    escalatedAt: Timestamp('Momento de la escalada (RFC 3339).', 'When it was escalated (RFC 3339).'),
  },
  referralEventDescription(
    'Venció el plazo de un paso abierto y se escaló un nivel.',
    'An open step passed its due instant and was escalated one level.',
  ),
);
export type ReferralEscalatedV1 = Static<typeof ReferralEscalatedV1>;

export const referralEscalatedV1 = defineContract({
  service: 'referrals',
  name: 'referrals.referral.escalated',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Plazo vencido escalado', en: 'Overdue deadline escalated' },
  schema: ReferralEscalatedV1,
  example: {
    ...EXAMPLE_REFERRAL,
    status: 'requested',
    fhirStatus: 'requested',
    revision: 3,
    actor: SYSTEM_ACTOR,
    step: 'acknowledge',
    level: 1,
    escalatedTo: 'backup_focal_point',
    receiver: EXAMPLE_REFERRAL.to,
    dueAt: '2026-03-04T15:00:00.000Z',
    nextDueAt: '2026-03-06T15:00:00.000Z',
    escalatedAt: '2026-03-04T15:00:00.000Z',
  },
});
