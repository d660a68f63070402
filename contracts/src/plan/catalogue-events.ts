/** Outbound, network-wide: the plan catalogue changed (regional scope: `crm.regional.plan`). */
import { Type, type Static } from '@sinclair/typebox';
import { defineContract } from '../contract';
import {
  ActivityId,
  Actor,
  CatalogueVersion,
  d,
  MultilingualText,
  StringEnum,
  Timestamp,
} from '../schema-kit';

export const CATALOGUE_CHANGE_KINDS = [
  'activity_added',
  'activity_amended',
  'activity_retired',
  'schedule_changed',
] as const;

export const CatalogueAmendedV1 = Type.Object(
  {
    catalogueVersion: CatalogueVersion,
    previousCatalogueVersion: Type.Optional(CatalogueVersion),
    amendedAt: Timestamp('Momento de la enmienda (RFC 3339).', 'When it was amended (RFC 3339).'),
    actor: Actor,
    changes: Type.Array(
      Type.Object(
        {
          kind: StringEnum(
            CATALOGUE_CHANGE_KINDS,
            d(
              'Tipo de cambio. Los consumidores deben tolerar valores nuevos.',
              'Kind of change. Consumers must tolerate new values.',
            ),
          ),
          activityId: ActivityId,
        },
        d('Un cambio en una actividad.', 'One change to an activity.'),
      ),
      { maxItems: 1000, ...d('Actividades afectadas.', 'Activities affected.') },
    ),
    summary: Type.Optional(MultilingualText('Resumen de la enmienda.', 'Summary of the amendment.')),
  },
  d(
    'Se publicó una nueva versión del catálogo del Plan Estratégico (objetivos, resultados, actividades).',
    'A new version of the Strategic Plan catalogue (objectives, results, activities) was published.',
  ),
);
export type CatalogueAmendedV1 = Static<typeof CatalogueAmendedV1>;

export const catalogueAmendedV1 = defineContract({
  service: 'plan',
  name: 'plan.catalogue.amended',
  version: 1,
  direction: 'outbound',
  scope: 'regional',
  title: { es: 'Catálogo del plan enmendado', en: 'Plan catalogue amended' },
  schema: CatalogueAmendedV1,
  example: {
    catalogueVersion: '2017-2022.2',
    previousCatalogueVersion: '2017-2022.1',
    amendedAt: '2019-03-15T16:00:00.000Z',
    actor: { subject: 'st-coordinator-01', role: 'secretariat_coordinator' },
    changes: [{ kind: 'schedule_changed', activityId: 'IV.1.1.1' }],
    summary: {
      es: 'Ajuste de cronograma acordado en la reunión de la Red.',
      en: 'Schedule adjustment agreed at the Network meeting.',
    },
  },
});
