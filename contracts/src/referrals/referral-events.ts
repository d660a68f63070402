/**
 * Outbound, country scope (`crm.<country>.out.referrals`, one copy per concerned country): a referral was
 * sent (notify, then pull), changed status, or got a follow-up.
 */
import { Type, type Static } from '@sinclair/typebox';
import { defineContract } from '../contract';
import { Country, d, StringEnum, Timestamp } from '../schema-kit';
import {
  ACCOMPANIMENT_CODES,
  AGE_BAND_CODES,
  CLOSE_OUTCOME_CODES,
  DECLINE_REASON_CODES,
  ENTERED_IN_ERROR_REASON_CODES,
  FOLLOW_UP_STATUS_CODES,
  INTERNATIONAL_PROTECTION_NEED_CODES,
  MIGRATION_STAGE_CODES,
  REVOKE_REASON_CODES,
  SEX_CODES,
  URGENCY_CODES,
} from './codes';
import {
  Categories,
  EXAMPLE_REFERRAL,
  HasNote,
  Identifier,
  referralEventDescription,
  referralFields,
  referralViewPath,
  ReferralStatus,
  Services,
  tolerate,
  VIEW_PATH_PATTERN,
} from './blocks';

const CountryOrUnknown = (es: string, en: string) =>
  Type.String({ pattern: '^([A-Z]{2}|unknown)$', ...d(es, en) });

/**
 * The registration indicators a sent referral carries: NON-identifying codes only (no age in years, no
 * dates, no place below the country), present only when the referral shares the `indicators` category.
 */
export const ReferralIndicatorsV1 = Type.Object(
  {
    ageBand: StringEnum(AGE_BAND_CODES, tolerate('Rango de edad.', 'Age band.')),
    sex: StringEnum(SEX_CODES, tolerate('Sexo.', 'Sex.')),
    nationality: Type.String({
      pattern: '^([A-Z]{2}|stateless|unknown)$',
      ...d(
        'Nacionalidad: ISO 3166-1 alfa-2, "stateless" o "unknown".',
        'Nationality: ISO 3166-1 alpha-2, "stateless" or "unknown".',
      ),
    }),
    countryOfOrigin: CountryOrUnknown(
      'País de origen (residencia habitual): ISO 3166-1 alfa-2 o "unknown".',
      'Country of origin (habitual residence): ISO 3166-1 alpha-2 or "unknown".',
    ),
    countryOfDetection: Country,
    countryOfDestination: CountryOrUnknown(
      'País de destino: ISO 3166-1 alfa-2 o "unknown".',
      'Country of destination: ISO 3166-1 alpha-2 or "unknown".',
    ),
    migrationStage: StringEnum(
      MIGRATION_STAGE_CODES,
      tolerate('Etapa de la migración.', 'Stage of migration.'),
    ),
    accompaniment: StringEnum(
      ACCOMPANIMENT_CODES,
      tolerate(
        'Situación de acompañamiento (no acompañada, separada, acompañada).',
        'Accompaniment (unaccompanied, separated, accompanied).',
      ),
    ),
    needsInterpreter: Type.Boolean(d('Necesita intérprete.', 'Needs an interpreter.')),
  },
  d(
    'Indicadores de registro no identificativos del caso (solo si la referencia comparte la categoría "indicators"); el país de detección es un país miembro.',
    'Non-identifying registration indicators of the case (only when the referral shares the "indicators" category); the country of detection is a member country.',
  ),
);
export type ReferralIndicatorsV1 = Static<typeof ReferralIndicatorsV1>;

export const ReferralSentV1 = Type.Object(
  {
    ...referralFields,
    servicesRequested: Services('Servicios solicitados.', 'Services requested.'),
    sharedCategories: Categories(
      'Categorías de datos compartidas con la institución receptora (solicitadas y cubiertas por la base legal).',
      'Categories of data shared with the receiving institution (requested and covered by the legal basis).',
    ),
    withheldCategories: Categories(
      'Categorías solicitadas que la base legal no cubre: nunca se divulgan.',
      'Requested categories the legal basis does not cover: never disclosed.',
    ),
    basis: StringEnum(
      ['consent', 'override'] as const,
      d(
        'Base legal de la divulgación: consentimiento, o excepción autorizada (su motivo se ve en la vista divulgada, no aquí).',
        'Legal basis of the disclosure: consent, or an authorised override (its reason is shown in the disclosed view, not here).',
      ),
    ),
    urgency: StringEnum(URGENCY_CODES, tolerate('Urgencia.', 'Urgency.')),
    sentAt: Timestamp('Momento del envío (RFC 3339).', 'When it was sent (RFC 3339).'),
    acknowledgeBy: Timestamp('Plazo del acuse de recibo.', 'Deadline to acknowledge.'),
    decideBy: Timestamp('Plazo para aceptar o rechazar.', 'Deadline to accept or decline.'),
    indicators: Type.Optional(ReferralIndicatorsV1),
    protectionNeeds: Type.Optional(
      Type.Array(
        StringEnum(
          INTERNATIONAL_PROTECTION_NEED_CODES,
          tolerate('Necesidad de protección internacional.', 'International-protection need.'),
        ),
        {
          uniqueItems: true,
          ...d(
            'Necesidades de protección internacional (códigos; solo si se comparte la categoría "protection").',
            'International-protection needs (codes; only when the "protection" category is shared).',
          ),
        },
      ),
    ),
    viewPath: Type.String({
      pattern: VIEW_PATH_PATTERN,
      ...d(
        'Ruta HTTPS de la vista divulgada en el servicio de referencias: el sistema nacional receptor la consulta con su credencial; cada consulta queda en el registro de accesos del caso.',
        "HTTPS path of the disclosed view on the referral service: the receiving national system fetches it with its credential; each fetch is recorded in the case's access log.",
      ),
    }),
  },
  referralEventDescription(
    'Una institución envió una referencia a otra institución de otro país (notificar y luego consultar: los datos de la niña, niño o adolescente se obtienen de viewPath).',
    "An institution sent a referral to an institution of another country (notify, then pull: the child's data is fetched from viewPath).",
  ),
);
export type ReferralSentV1 = Static<typeof ReferralSentV1>;

const sentExample: ReferralSentV1 = {
  ...EXAMPLE_REFERRAL,
  status: 'requested',
  fhirStatus: 'requested',
  revision: 1,
  actor: { subject: 'mx-protection-case-worker-01', role: 'protection_case_worker' },
  servicesRequested: ['family_reunification', 'psychosocial'],
  sharedCategories: ['indicators', 'identity', 'protection'],
  withheldCategories: ['health'],
  basis: 'consent',
  urgency: 'urgent',
  sentAt: '2026-03-02T15:00:00.000Z',
  acknowledgeBy: '2026-03-04T15:00:00.000Z',
  decideBy: '2026-03-09T15:00:00.000Z',
  indicators: {
    ageBand: '12-14',
    sex: 'female',
    nationality: 'HN',
    countryOfOrigin: 'HN',
    countryOfDetection: 'MX',
    countryOfDestination: 'US',
    migrationStage: 'in_transit',
    accompaniment: 'unaccompanied',
    needsInterpreter: false,
  },
  protectionNeeds: ['violence_victim'],
  viewPath: referralViewPath(EXAMPLE_REFERRAL.referralId),
};

export const referralSentV1 = defineContract({
  service: 'referrals',
  name: 'referrals.referral.sent',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Referencia enviada', en: 'Referral sent' },
  schema: ReferralSentV1,
  example: sentExample,
});

export const ReferralStatusChangedV1 = Type.Object(
  {
    ...referralFields,
    previousStatus: ReferralStatus,
    changedAt: Timestamp('Momento del cambio (RFC 3339).', 'When it changed (RFC 3339).'),
    declineReason: Type.Optional(
      StringEnum(
        DECLINE_REASON_CODES,
        tolerate(
          'Motivo del rechazo (código), si se rechazó.',
          'Reason for declining (code), when declined.',
        ),
      ),
    ),
    revokeReason: Type.Optional(
      StringEnum(
        REVOKE_REASON_CODES,
        tolerate(
          'Motivo de la revocación (código), si se revocó.',
          'Reason for revoking (code), when revoked.',
        ),
      ),
    ),
    enteredInErrorReason: Type.Optional(
      StringEnum(
        ENTERED_IN_ERROR_REASON_CODES,
        tolerate(
          'Por qué se registró por error (código), si es el caso.',
          'Why it was entered in error (code), when it was.',
        ),
      ),
    ),
    outcome: Type.Optional(
      StringEnum(
        CLOSE_OUTCOME_CODES,
        tolerate('Resultado del cierre (código), si se concluyó.', 'Closing outcome (code), when completed.'),
      ),
    ),
    hasNote: Type.Optional(HasNote),
  },
  referralEventDescription(
    'La referencia cambió de estado (acuse, aceptación, rechazo, inicio de la atención, conclusión, revocación, registro por error). Solo códigos: el motivo es un código y su nota (cifrada) no viaja.',
    'The referral changed status (acknowledged, accepted, declined, started, completed, revoked, entered in error). Codes only: the reason is a code and its (encrypted) note does not travel.',
  ),
);
export type ReferralStatusChangedV1 = Static<typeof ReferralStatusChangedV1>;

export const referralStatusChangedV1 = defineContract({
  service: 'referrals',
  name: 'referrals.referral.status-changed',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Cambio de estado de la referencia', en: 'Referral status changed' },
  schema: ReferralStatusChangedV1,
  example: {
    ...EXAMPLE_REFERRAL,
    status: 'accepted',
    fhirStatus: 'accepted',
    previousStatus: 'acknowledged',
    revision: 3,
    actor: { subject: 'national-system:HN', role: 'national_system' },
    changedAt: '2026-03-03T09:00:00.000Z',
  },
});

export const ReferralFollowUpReportedV1 = Type.Object(
  {
    ...referralFields,
    followUpId: Identifier('Identificador del seguimiento.', 'Follow-up id.'),
    side: StringEnum(
      ['sender', 'receiver'] as const,
      d('Lado que informó el seguimiento.', 'Side that reported the follow-up.'),
    ),
    services: Services('Servicios informados.', 'Services reported.'),
    followUpStatus: StringEnum(
      FOLLOW_UP_STATUS_CODES,
      tolerate('Situación de los servicios informados.', 'Where the services reported stand.'),
    ),
    hasNote: HasNote,
    reportedAt: Timestamp('Momento del informe (RFC 3339).', 'When it was reported (RFC 3339).'),
  },
  referralEventDescription(
    'Uno de los lados informó un seguimiento (servicios planificados, brindados o no disponibles), sin la nota.',
    'One side reported a follow-up (services planned, provided or not available), without its note.',
  ),
);
export type ReferralFollowUpReportedV1 = Static<typeof ReferralFollowUpReportedV1>;

export const referralFollowUpReportedV1 = defineContract({
  service: 'referrals',
  name: 'referrals.referral.follow-up-reported',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Seguimiento informado', en: 'Follow-up reported' },
  schema: ReferralFollowUpReportedV1,
  example: {
    ...EXAMPLE_REFERRAL,
    status: 'in_progress',
    fhirStatus: 'in-progress',
    revision: 5,
    actor: { subject: 'national-system:HN', role: 'national_system' },
    followUpId: 'HN-SNI-FU-0001',
    side: 'receiver',
    services: ['psychosocial'],
    followUpStatus: 'provided',
    hasNote: false,
    reportedAt: '2026-03-10T12:00:00.000Z',
  },
});
