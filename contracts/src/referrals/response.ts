/**
 * Inbound from national systems: the national system of a country answers a referral on
 * `crm.<country>.in.referrals` (acknowledge, accept, decline, update, close, acknowledge a consent
 * withdrawal); the platform answers with the outcome on `crm.<country>.out.referrals`. The request is
 * closed and holds codes and ids only (no free text at all), so no personal data can come in through Kafka:
 * notes are written over HTTPS, where they are encrypted.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { defineContract } from '../contract';
import { Country, d, ExternalReference, RejectionReason, StringEnum, Timestamp } from '../schema-kit';
import {
  CLOSE_OUTCOME_CODES,
  DECLINE_REASON_CODES,
  FOLLOW_UP_SERVICE_CODES,
  FOLLOW_UP_STATUS_CODES,
  RESPONSE_ACTIONS,
  type ResponseAction,
} from './codes';
import { FhirStatus, Identifier, ReferralId, ReferralStatus, Revision } from './blocks';

const Action = StringEnum(
  RESPONSE_ACTIONS,
  d(
    'Acción: acknowledge (acuse), accept (aceptar; desde "requested" también acusa), decline (rechazar, con declineReason), update (seguimiento, con followUp), close (concluir, con outcome), acknowledge_withdrawal (acusar los retiros de consentimiento pendientes).',
    'Action: acknowledge, accept (from "requested" it also acknowledges), decline (with declineReason), update (a follow-up, with followUp), close (with outcome), acknowledge_withdrawal (acknowledge every pending consent withdrawal).',
  ),
);

/** The fields each action needs (and is the only one allowed to carry). */
const ACTION_FIELDS: Partial<Record<ResponseAction, 'declineReason' | 'followUp' | 'outcome'>> = {
  decline: 'declineReason',
  update: 'followUp',
  close: 'outcome',
};

/** `action` X requires its field; a field of action X is refused with any other action. */
function actionRules(): TSchema[] {
  return Object.entries(ACTION_FIELDS).flatMap(([action, field]) => [
    {
      if: { type: 'object', properties: { action: { const: action } }, required: ['action'] },
      then: { type: 'object', properties: { [field]: true }, required: [field] },
      else: { type: 'object', properties: { [field]: false } },
      ...d(
        `La acción "${action}" requiere "${field}", y solo ella puede llevarlo.`,
        `Action "${action}" requires "${field}", and only it may carry it.`,
      ),
    } as unknown as TSchema,
  ]);
}

export const ReferralResponseRequestedV1 = Type.Object(
  {
    country: Country,
    referralId: ReferralId,
    action: Action,
    declineReason: Type.Optional(
      StringEnum(
        DECLINE_REASON_CODES.filter((c) => c !== 'other'),
        d(
          'Motivo del rechazo (código). "other" no se acepta por Kafka: exige una nota, que solo se escribe por HTTPS (cifrada).',
          'Reason for declining (code). "other" is not accepted through Kafka: it needs a note, which is written over HTTPS only (encrypted).',
        ),
      ),
    ),
    followUp: Type.Optional(
      Type.Object(
        {
          followUpId: Identifier(
            'Identificador del seguimiento, propio del sistema nacional (el mismo id repetido e idéntico no registra nada nuevo).',
            "The national system's own follow-up id (the same id again, identical, records nothing new).",
          ),
          services: Type.Array(
            StringEnum(FOLLOW_UP_SERVICE_CODES, d('Servicio de seguimiento.', 'Follow-up service.')),
            {
              minItems: 1,
              uniqueItems: true,
              ...d('Servicios informados (al menos uno).', 'Services reported (at least one).'),
            },
          ),
          status: StringEnum(
            FOLLOW_UP_STATUS_CODES,
            d('Situación de los servicios.', 'Where the services stand.'),
          ),
        },
        {
          additionalProperties: false,
          ...d(
            'El seguimiento (sin nota: las notas se escriben por HTTPS, cifradas).',
            'The follow-up (no note: notes are written over HTTPS, encrypted).',
          ),
        },
      ),
    ),
    outcome: Type.Optional(
      StringEnum(CLOSE_OUTCOME_CODES, d('Resultado del cierre (código).', 'Closing outcome (code).')),
    ),
    expectedRevision: Type.Optional(
      Type.Integer({
        minimum: 0,
        ...d(
          'Revisión de la referencia sobre la que se actúa (la "revision" del último evento recibido); si cambió desde entonces, se rechaza con command.stale_revision.',
          'Revision of the referral acted on (the "revision" of the last event received); if it changed since, the request is rejected with command.stale_revision.',
        ),
      }),
    ),
    externalReference: ExternalReference,
  },
  {
    additionalProperties: false,
    allOf: actionRules(),
    ...d(
      'El sistema nacional de un país responde a una referencia dirigida a una institución de su país (o acusa un retiro de consentimiento). Solo códigos e identificadores, sin texto libre: no contiene datos personales de niñas, niños o adolescentes.',
      "A country's national system answers a referral addressed to an institution of its country (or acknowledges a consent withdrawal). Codes and ids only, no free text: it contains no personal data of children.",
    ),
  },
);
export type ReferralResponseRequestedV1 = Static<typeof ReferralResponseRequestedV1>;

export const referralResponseRequestedV1 = defineContract({
  service: 'referrals',
  name: 'referrals.referral.response-requested',
  version: 1,
  direction: 'inbound',
  scope: 'country',
  title: {
    es: 'Respuesta a una referencia (sistema nacional)',
    en: 'Response to a referral (national system)',
  },
  schema: ReferralResponseRequestedV1,
  example: {
    country: 'HN',
    referralId: '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
    action: 'update',
    followUp: { followUpId: 'HN-SNI-FU-0001', services: ['psychosocial'], status: 'provided' },
    expectedRevision: 4,
    externalReference: 'HN-SNI-2026-000042',
  },
});

const RequestId = Type.String({
  minLength: 1,
  maxLength: 200,
  ...d('`ce_id` de la solicitud.', '`ce_id` of the request.'),
});
const outcomeBase = {
  country: Country,
  decidedAt: Timestamp('Momento de la decisión (RFC 3339).', 'When it was decided (RFC 3339).'),
};

export const ReferralResponseOutcomeV1 = Type.Union(
  [
    Type.Object(
      {
        outcome: Type.Literal('accepted', d('Aceptado.', 'Accepted.')),
        ...outcomeBase,
        requestId: RequestId,
        externalReference: ExternalReference,
        referralId: ReferralId,
        action: Action,
        status: ReferralStatus,
        fhirStatus: FhirStatus,
        revision: Revision,
      },
      d(
        'La acción se registró (o ya estaba registrada con el mismo ce_id); el evento de la referencia sigue en el mismo tema.',
        'The action was recorded (or already was, with the same ce_id); the referral event follows on the same topic.',
      ),
    ),
    Type.Object(
      {
        outcome: Type.Literal('rejected', d('Rechazado.', 'Rejected.')),
        ...outcomeBase,
        requestId: Type.Optional(RequestId),
        externalReference: Type.Optional(ExternalReference),
        referralId: Type.Optional(ReferralId),
        action: Type.Optional(Action),
        reason: RejectionReason,
      },
      d(
        'La acción no era posible (lado equivocado, estado, revisión desactualizada, validación); no se cambió nada. El código es el mismo que daría la API HTTP.',
        'The action was not possible (wrong side, status, stale revision, validation); nothing was changed. The code is the one the HTTP API gives.',
      ),
    ),
  ],
  d(
    'Resultado de una respuesta de un sistema nacional a una referencia, enviado al país que la hizo. No contiene datos personales.',
    'Outcome of a national system’s response to a referral, sent back to the country that made it. It contains no personal data.',
  ),
);
export type ReferralResponseOutcomeV1 = Static<typeof ReferralResponseOutcomeV1>;

export const referralResponseOutcomeV1 = defineContract({
  service: 'referrals',
  name: 'referrals.referral.response-outcome',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Resultado de la respuesta a una referencia', en: 'Referral response outcome' },
  schema: ReferralResponseOutcomeV1,
  example: {
    outcome: 'accepted',
    country: 'HN',
    decidedAt: '2026-03-10T12:00:01.000Z',
    requestId: 'b1e0d7a2-6c3f-4e8a-9d15-7f2a4c6e8b90',
    externalReference: 'HN-SNI-2026-000042',
    referralId: '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
    action: 'update',
    status: 'in_progress',
    fhirStatus: 'in-progress',
    revision: 5,
  },
});
