/**
 * Building blocks of the referral contracts. None of them holds a child's personal data: ids are opaque,
 * everything else is a code, an instant or a count. Free text of the service (revocation and transfer
 * reasons, override reasons, notes) never travels; a national system reads the child's data through the
 * disclosed view over HTTPS (`viewPath`), where each read is authorised per recipient and logged.
 */
import { Type } from '@sinclair/typebox';
import { Actor, Country, d, StringEnum } from '../schema-kit';
import {
  DATA_CATEGORY_CODES,
  FHIR_TASK_STATUS_CODES,
  FOLLOW_UP_SERVICE_CODES,
  REFERRAL_STATUS_CODES,
} from './codes';

/** The disclosed view of a referral, relative to the referral service's base URL. */
export const VIEW_PATH_PATTERN =
  '^/referrals/referrals/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/disclosed-view$';

/** `viewPath` of a referral: what a national system GETs (HTTPS, its own credential) to pull the disclosed view. */
export function referralViewPath(referralId: string): string {
  return `/referrals/referrals/${referralId}/disclosed-view`;
}

/** A bilingual description of an outbound code list, telling consumers to tolerate new codes. */
export const tolerate = (es: string, en: string) =>
  d(`${es} Los consumidores deben tolerar valores nuevos.`, `${en} Consumers must tolerate new values.`);

export const ReferralId = Type.String({
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$',
  ...d(
    'Identificador de la referencia (UUID v4 en minúsculas; el flujo es "referral-<id>").',
    'Referral id (lower-case UUID v4; the stream is "referral-<id>").',
  ),
  examples: ['3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b'],
});

/** Identifiers of the service (case, institution, consent, follow-up, transfer). */
export const Identifier = (es: string, en: string) =>
  Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$', ...d(es, en) });

export const CaseRef = Identifier(
  'Referencia opaca del caso de la niña, niño o adolescente (p. ej. "MX-<uuid>"); no lo identifica.',
  'Opaque reference of the child\'s case (e.g. "MX-<uuid>"); it does not identify the child.',
);

export const Institution = (es: string, en: string) =>
  Type.Object(
    {
      country: Country,
      institutionId: Identifier(
        'Identificador de la institución en el directorio (p. ej. "HN-DINAF").',
        'Institution id in the directory (e.g. "HN-DINAF").',
      ),
    },
    d(es, en),
  );

export const ReferralStatus = StringEnum(
  REFERRAL_STATUS_CODES,
  tolerate('Estado de la referencia (código de la plataforma).', "The referral's status (platform code)."),
);

export const FhirStatus = StringEnum(
  FHIR_TASK_STATUS_CODES,
  d('El mismo estado como HL7 FHIR R4 Task.status.', 'The same status as an HL7 FHIR R4 Task.status.'),
);

export const Categories = (es: string, en: string) =>
  Type.Array(
    StringEnum(DATA_CATEGORY_CODES, tolerate('Categoría de datos del caso.', 'Category of case data.')),
    { uniqueItems: true, ...d(es, en) },
  );

export const Services = (es: string, en: string) =>
  Type.Array(
    StringEnum(FOLLOW_UP_SERVICE_CODES, tolerate('Servicio de seguimiento.', 'Follow-up service.')),
    { minItems: 1, uniqueItems: true, ...d(es, en) },
  );

/** Whether a recorded reason or report has an (encrypted) note: the note itself never travels. */
export const HasNote = Type.Boolean(
  d(
    'Verdadero si tiene una nota (cifrada; la nota no viaja: solo en la vista divulgada, por HTTPS).',
    'True when it has a note (encrypted; the note does not travel: only in the disclosed view, over HTTPS).',
  ),
);

export const Revision = Type.Integer({
  minimum: 0,
  ...d(
    'Revisión del flujo de la referencia tras este evento: envíela como expectedRevision para actuar sobre esta versión.',
    "The referral stream's revision after this event: send it as expectedRevision to act on this version.",
  ),
});

/**
 * What every outbound referral event carries. `country` is the country this copy is addressed to (the
 * topic's): one copy per country the referral concerns (sender, receiver, transferee, earlier receivers).
 */
export const referralFields = {
  country: Country,
  referralId: ReferralId,
  caseRef: CaseRef,
  from: Institution('Institución remitente.', 'Sending institution.'),
  to: Institution('Institución receptora actual.', 'Current receiving institution.'),
  status: ReferralStatus,
  fhirStatus: FhirStatus,
  revision: Revision,
  actor: Actor,
};

/** The per-copy description every outbound referral event ends with. */
export function referralEventDescription(es: string, en: string) {
  return d(
    `${es} Se publica una copia en crm.<PAÍS>.out.referrals de cada país concernido (remitente, receptor, propuesto para traslado, receptores anteriores); "country" es el de esa copia. No contiene datos personales de la niña, niño o adolescente: solo identificadores opacos, códigos e instantes.`,
    `${en} One copy is published on crm.<COUNTRY>.out.referrals of each country concerned (sender, receiver, proposed transferee, earlier receivers); "country" is that copy's. It contains no personal data of the child: only opaque ids, codes and instants.`,
  );
}

/** The example's common fields (Mexico refers a case to Honduras). */
export const EXAMPLE_REFERRAL = {
  country: 'HN' as const,
  referralId: '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
  caseRef: 'MX-0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  from: { country: 'MX' as const, institutionId: 'MX-DIF' },
  to: { country: 'HN' as const, institutionId: 'HN-DINAF' },
};
