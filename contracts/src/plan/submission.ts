/**
 * Inbound from national systems: a country's system submits its progress report
 * (`crm.<country>.in.plan`), and the platform answers with the outcome (`crm.<country>.out.plan`).
 */
import { Type, type Static } from '@sinclair/typebox';
import { defineContract } from '../contract';
import {
  ActivityId,
  Country,
  d,
  ExternalReference,
  RejectionReason,
  MultilingualText,
  Period,
  ReportId,
  StatusEnum,
  SUBMITTABLE_STATUSES,
  Timestamp,
} from '../schema-kit';

export const MAX_EVIDENCE_LINKS = 20;
export const MAX_INDICATORS = 50;

export const ReportSubmissionRequestedV1 = Type.Object(
  {
    country: Country,
    activityId: ActivityId,
    period: Period,
    status: StatusEnum(SUBMITTABLE_STATUSES),
    narrative: MultilingualText(
      'Narrativa del avance, en español y/o inglés (al menos un idioma, hasta 10 000 caracteres).',
      'Progress narrative in Spanish and/or English (at least one language, up to 10,000 characters).',
    ),
    evidence: Type.Optional(
      Type.Array(
        Type.String({
          format: 'uri',
          pattern: '^https://[^\\s/@]+(/\\S*)?$',
          maxLength: 2048,
          ...d(
            'Enlace https:// a una evidencia (sin credenciales).',
            'https:// link to a piece of evidence (no credentials).',
          ),
        }),
        {
          maxItems: MAX_EVIDENCE_LINKS,
          uniqueItems: true,
          ...d(
            'Enlaces de evidencia (máximo 20, sin repetir).',
            'Evidence links (at most 20, no duplicates).',
          ),
        },
      ),
    ),
    indicators: Type.Optional(
      Type.Array(
        Type.Object(
          {
            indicator: Type.String({
              minLength: 1,
              maxLength: 200,
              pattern: '\\S',
              ...d('Nombre o código del indicador.', 'Indicator name or code.'),
            }),
            value: Type.Number(d('Valor numérico.', 'Numeric value.')),
            unit: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 50,
                ...d('Unidad, p. ej. "personas".', 'Unit, e.g. "people".'),
              }),
            ),
          },
          { additionalProperties: false, ...d('Valor de un indicador.', 'One indicator value.') },
        ),
        {
          maxItems: MAX_INDICATORS,
          ...d('Valores de indicadores (opcional).', 'Indicator values (optional).'),
        },
      ),
    ),
    externalReference: ExternalReference,
  },
  {
    additionalProperties: false,
    ...d(
      'Un sistema nacional envía el informe de avance de su país para una actividad y un período. No contiene datos personales de niñas, niños o adolescentes.',
      "A national system submits its country's progress report for an activity and a period. It contains no personal data of children.",
    ),
  },
);
export type ReportSubmissionRequestedV1 = Static<typeof ReportSubmissionRequestedV1>;

export const reportSubmissionRequestedV1 = defineContract({
  service: 'plan',
  name: 'plan.report.submission-requested',
  version: 1,
  direction: 'inbound',
  scope: 'country',
  title: {
    es: 'Solicitud de envío de informe (sistema nacional)',
    en: 'Report submission request (national system)',
  },
  schema: ReportSubmissionRequestedV1,
  example: {
    country: 'HN',
    activityId: 'IV.1.1.1',
    period: '2020-S1',
    status: 'in_progress',
    narrative: {
      es: 'Se realizaron dos talleres con personal consular sobre protección de la niñez migrante.',
      en: 'Two workshops on migrant child protection were held with consular staff.',
    },
    evidence: ['https://www.example.org/informe-2020-s1.pdf'],
    indicators: [{ indicator: 'Funcionarios capacitados', value: 42, unit: 'personas' }],
    externalReference: 'HN-SNI-2020-000123',
  },
});

const outcomeBase = {
  country: Country,
  decidedAt: Timestamp('Momento de la decisión (RFC 3339).', 'When it was decided (RFC 3339).'),
};

export const ReportSubmissionOutcomeV1 = Type.Union(
  [
    Type.Object(
      {
        outcome: Type.Literal('accepted', d('Aceptado.', 'Accepted.')),
        ...outcomeBase,
        requestId: Type.String({
          minLength: 1,
          maxLength: 200,
          ...d('`ce_id` de la solicitud.', '`ce_id` of the request.'),
        }),
        externalReference: ExternalReference,
        activityId: ActivityId,
        period: Period,
        reportId: ReportId,
      },
      d(
        'La solicitud fue aceptada y el informe quedó enviado para revisión.',
        'The request was accepted and the report is submitted for review.',
      ),
    ),
    Type.Object(
      {
        outcome: Type.Literal('rejected', d('Rechazado.', 'Rejected.')),
        ...outcomeBase,
        requestId: Type.Optional(
          Type.String({
            minLength: 1,
            maxLength: 200,
            ...d('`ce_id` de la solicitud, si se pudo leer.', '`ce_id` of the request, when readable.'),
          }),
        ),
        externalReference: Type.Optional(ExternalReference),
        activityId: Type.Optional(ActivityId),
        period: Type.Optional(Period),
        reason: RejectionReason,
      },
      d('La solicitud fue rechazada; no se cambió nada.', 'The request was rejected; nothing was changed.'),
    ),
  ],
  d(
    'Resultado de una solicitud de envío de informe, enviado al país que la hizo.',
    'Outcome of a report submission request, sent back to the country that made it.',
  ),
);
export type ReportSubmissionOutcomeV1 = Static<typeof ReportSubmissionOutcomeV1>;

export const reportSubmissionOutcomeV1 = defineContract({
  service: 'plan',
  name: 'plan.report.submission-outcome',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Resultado de la solicitud de envío', en: 'Submission request outcome' },
  schema: ReportSubmissionOutcomeV1,
  example: {
    outcome: 'accepted',
    country: 'HN',
    decidedAt: '2020-07-10T15:04:06.000Z',
    requestId: '2f1d7c8e-5b7a-4c1e-9a57-0c2b1e6f4a10',
    externalReference: 'HN-SNI-2020-000123',
    activityId: 'IV.1.1.1',
    period: '2020-S1',
    reportId: 'planReport-HN-IV.1.1.1-2020-S1',
  },
});
