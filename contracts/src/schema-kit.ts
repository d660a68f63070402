/**
 * Building blocks shared by every contract schema. Conventions (checked by `schemas.spec.ts`):
 * - every description is bilingual, written `es: <Spanish> / en: <English>` (one string, so every JSON
 *   Schema and AsyncAPI tool shows both languages);
 * - outbound payloads are open (unknown properties allowed: consumers MUST ignore them, so adding an
 *   optional field stays compatible), inbound payloads from national systems are closed
 *   (`additionalProperties: false`: untrusted input is rejected, not silently trimmed).
 */
import { Type, type TUnsafe } from '@sinclair/typebox';
import { MEMBER_COUNTRIES, SECRETARIAT } from '@crm/kernel';

export const DESCRIPTION_PATTERN = /^es: \S[\s\S]* \/ en: \S[\s\S]*$/;

/** `es: ... / en: ...`: the one bilingual description format used everywhere. */
export function bilingual(es: string, en: string): string {
  return `es: ${es} / en: ${en}`;
}

/** Options object with a bilingual description. */
export function d(es: string, en: string): { description: string } {
  return { description: bilingual(es, en) };
}

/** A closed set of strings as a plain JSON Schema `enum` (TypeBox unions would render as `anyOf` of consts). */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description: string },
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const Country = StringEnum(
  MEMBER_COUNTRIES,
  d('País miembro de la CRM (ISO 3166-1 alfa-2).', 'CRM member country (ISO 3166-1 alpha-2).'),
);

export const Jurisdiction = StringEnum(
  [...MEMBER_COUNTRIES, SECRETARIAT] as const,
  d(
    'País miembro (ISO 3166-1 alfa-2) o "ST" para la Secretaría Técnica.',
    'Member country (ISO 3166-1 alpha-2) or "ST" for the Technical Secretariat.',
  ),
);

export const ActivityId = Type.String({
  pattern: '^[A-Za-z0-9_.:]{1,64}$',
  ...d(
    'Identificador de actividad del catálogo del Plan Estratégico, p. ej. "IV.1.1.1".',
    'Activity id in the Strategic Plan catalogue, e.g. "IV.1.1.1".',
  ),
  examples: ['IV.1.1.1'],
});

export const Period = Type.String({
  pattern: '^[0-9]{4}-S[12]$',
  ...d(
    'Período de informe semestral: AAAA-S1 (enero-junio) o AAAA-S2 (julio-diciembre).',
    'Half-year reporting period: YYYY-S1 (January-June) or YYYY-S2 (July-December).',
  ),
  examples: ['2020-S1'],
});

export const ReportId = Type.String({
  pattern: '^[A-Za-z0-9_.:-]{1,160}$',
  ...d(
    'Identificador estable del informe (país, actividad y período), p. ej. "planReport-HN-IV.1.1.1-2020-S1".',
    'Stable report id (country, activity and period), e.g. "planReport-HN-IV.1.1.1-2020-S1".',
  ),
});

export const Timestamp = (es: string, en: string) => Type.String({ format: 'date-time', ...d(es, en) });

export const CatalogueVersion = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9_.:+-]+$',
  ...d('Versión del catálogo del plan.', 'Version of the plan catalogue.'),
});

/** The actor is identified by an opaque subject and a role, never by a personal name. */
export const Actor = Type.Object(
  {
    subject: Type.String({
      minLength: 1,
      maxLength: 200,
      ...d(
        'Identificador opaco del sujeto autenticado (nunca un nombre de persona).',
        'Opaque id of the authenticated subject (never a personal name).',
      ),
    }),
    role: Type.String({
      pattern: '^[a-z][a-z0-9_]{0,63}$',
      ...d(
        'Rol con el que actuó, p. ej. "secretariat_coordinator".',
        'Role it acted in, e.g. "secretariat_coordinator".',
      ),
    }),
  },
  d('Quién actuó: sujeto y rol, sin datos personales.', 'Who acted: subject and role, no personal data.'),
);

const textPart = (es: string, en: string) =>
  Type.String({ minLength: 1, maxLength: 10_000, pattern: '\\S', ...d(es, en) });

/** Free text in Spanish and/or English: at least one language, no other keys. */
export function MultilingualText(es: string, en: string) {
  return Type.Object(
    {
      es: Type.Optional(textPart('Texto en español.', 'Text in Spanish.')),
      en: Type.Optional(textPart('Texto en inglés.', 'Text in English.')),
    },
    { additionalProperties: false, minProperties: 1, ...d(es, en) },
  );
}

/** Statuses a country reports for an activity (the plan service's implementation statuses). */
export const SUBMITTABLE_STATUSES = [
  'not_started',
  'in_progress',
  'completed',
  'delayed',
  'not_applicable',
] as const;
export const REPORTED_STATUSES = [...SUBMITTABLE_STATUSES, 'suspended'] as const;

export function StatusEnum<const T extends readonly string[]>(values: T) {
  return StringEnum(
    values,
    d(
      'Estado de implementación de la actividad en el período. Los consumidores deben tolerar valores nuevos.',
      'Implementation status of the activity in the period. Consumers must tolerate new values.',
    ),
  );
}

export const LocalizedMessage = Type.Object(
  {
    es: Type.String({ minLength: 1, ...d('Mensaje en español.', 'Message in Spanish.') }),
    en: Type.String({ minLength: 1, ...d('Mensaje en inglés.', 'Message in English.') }),
  },
  d('Mensaje en los dos idiomas de trabajo.', 'Message in both working languages.'),
);

/** A national system's own reference of a request, echoed in its outcome (inbound contracts and outcomes). */
export const ExternalReference = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[\\x21-\\x7E]+$',
  ...d(
    'Referencia del sistema nacional para correlacionar la respuesta (ASCII visible, sin espacios).',
    "The national system's own reference, to correlate the outcome (visible ASCII, no spaces).",
  ),
});

/** Why a national system's request was rejected (the `reason` of every `rejected` outcome). */
export const RejectionReason = Type.Object(
  {
    code: Type.String({
      pattern: '^[a-z][a-z0-9_.]{0,99}$',
      ...d(
        'Código estable legible por máquina, p. ej. "schema_violation".',
        'Stable machine-readable code, e.g. "schema_violation".',
      ),
    }),
    message: LocalizedMessage,
    details: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: true,
          ...d('Detalles, p. ej. la ruta del error.', 'Details, e.g. the error path.'),
        },
      ),
    ),
  },
  d('Por qué se rechazó.', 'Why it was rejected.'),
);
