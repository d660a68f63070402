/** Outbound: the review workflow of a country's progress report (country scope: `crm.<country>.out.plan`). */
import { Type, type Static } from '@sinclair/typebox';
import { defineContract } from '../contract';
import {
  ActivityId,
  Actor,
  CatalogueVersion,
  Country,
  d,
  MultilingualText,
  Period,
  REPORTED_STATUSES,
  ReportId,
  StatusEnum,
  Timestamp,
} from '../schema-kit';

const reportFields = {
  country: Country,
  reportId: ReportId,
  activityId: ActivityId,
  period: Period,
  status: StatusEnum(REPORTED_STATUSES),
  actor: Actor,
};

const base = {
  country: 'HN' as const,
  reportId: 'planReport-HN-IV.1.1.1-2020-S1',
  activityId: 'IV.1.1.1',
  period: '2020-S1',
  status: 'in_progress' as const,
};

export const ReportSubmittedV1 = Type.Object(
  {
    ...reportFields,
    submittedAt: Timestamp('Momento del envío (RFC 3339).', 'When it was submitted (RFC 3339).'),
    late: Type.Boolean(
      d(
        'Verdadero si se envió después del cierre de la ventana de informe.',
        'True when submitted after the reporting window closed.',
      ),
    ),
    catalogueVersion: CatalogueVersion,
  },
  d(
    'Un país envió su informe de avance de una actividad y período para revisión.',
    'A country submitted its progress report on an activity and period for review.',
  ),
);
export type ReportSubmittedV1 = Static<typeof ReportSubmittedV1>;

export const reportSubmittedV1 = defineContract({
  service: 'plan',
  name: 'plan.report.submitted',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Informe enviado', en: 'Report submitted' },
  schema: ReportSubmittedV1,
  example: {
    ...base,
    submittedAt: '2020-07-10T15:04:05.000Z',
    late: false,
    catalogueVersion: '2017-2022.1',
    actor: { subject: 'hn-reporting-officer-01', role: 'reporting_officer' },
  },
});

export const ReportApprovedV1 = Type.Object(
  {
    ...reportFields,
    approvedAt: Timestamp('Momento de la aprobación (RFC 3339).', 'When it was approved (RFC 3339).'),
    approvedVersion: Type.Integer({
      minimum: 1,
      ...d(
        'Número de versión aprobada: 1 la primera vez, 2 tras una reapertura y nueva aprobación...',
        'Approved version number: 1 the first time, 2 after a reopen and a new approval...',
      ),
    }),
    comments: Type.Optional(
      MultilingualText('Comentarios de la Secretaría, si los hay.', 'Comments of the Secretariat, if any.'),
    ),
  },
  d(
    'La Secretaría Técnica aprobó el informe; queda bloqueado.',
    'The Technical Secretariat approved the report; it is locked.',
  ),
);
export type ReportApprovedV1 = Static<typeof ReportApprovedV1>;

export const reportApprovedV1 = defineContract({
  service: 'plan',
  name: 'plan.report.approved',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Informe aprobado', en: 'Report approved' },
  schema: ReportApprovedV1,
  example: {
    ...base,
    approvedAt: '2020-07-20T10:00:00.000Z',
    approvedVersion: 1,
    actor: { subject: 'st-coordinator-01', role: 'secretariat_coordinator' },
  },
});

export const ReportReturnedV1 = Type.Object(
  {
    ...reportFields,
    returnedAt: Timestamp('Momento de la devolución (RFC 3339).', 'When it was returned (RFC 3339).'),
    comments: MultilingualText(
      'Observaciones de la Secretaría (obligatorias).',
      'Comments of the Secretariat (required).',
    ),
  },
  d(
    'La Secretaría devolvió el informe al país con observaciones.',
    'The Secretariat returned the report to the country with comments.',
  ),
);
export type ReportReturnedV1 = Static<typeof ReportReturnedV1>;

export const reportReturnedV1 = defineContract({
  service: 'plan',
  name: 'plan.report.returned',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Informe devuelto con observaciones', en: 'Report returned with comments' },
  schema: ReportReturnedV1,
  example: {
    ...base,
    returnedAt: '2020-07-18T09:30:00.000Z',
    comments: {
      es: 'Agregue los enlaces de evidencia de la campaña.',
      en: 'Please add the evidence links of the campaign.',
    },
    actor: { subject: 'st-coordinator-01', role: 'secretariat_coordinator' },
  },
});

export const ReportReopenedV1 = Type.Object(
  {
    ...reportFields,
    reopenedAt: Timestamp('Momento de la reapertura (RFC 3339).', 'When it was reopened (RFC 3339).'),
    reason: MultilingualText('Motivo de la reapertura (obligatorio).', 'Reason for reopening (required).'),
    previousApprovedVersion: Type.Integer({
      minimum: 1,
      ...d('Versión aprobada que se conserva.', 'Approved version that is kept.'),
    }),
  },
  d(
    'La Secretaría reabrió un informe aprobado; la versión aprobada se conserva y el país puede corregirlo.',
    'The Secretariat reopened an approved report; the approved version is kept and the country may correct it.',
  ),
);
export type ReportReopenedV1 = Static<typeof ReportReopenedV1>;

export const reportReopenedV1 = defineContract({
  service: 'plan',
  name: 'plan.report.reopened',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Informe reabierto', en: 'Report reopened' },
  schema: ReportReopenedV1,
  example: {
    ...base,
    reopenedAt: '2020-09-01T12:00:00.000Z',
    reason: { es: 'Corrección de cifras del indicador.', en: 'Correction of indicator figures.' },
    previousApprovedVersion: 1,
    actor: { subject: 'st-coordinator-01', role: 'secretariat_coordinator' },
  },
});
