import type { LocalizedText } from '@crm/kernel';

/**
 * The code lists of the common registration indicators (plan IV.1.1.3, VI.1.1.4, XVI.2.2.5): stable codes,
 * stored in events and counted in aggregates, each with its es/en label (labels may be reworded, codes not).
 * `indicators.ts` says which indicator uses which list.
 */
type CodeList = Readonly<Record<string, LocalizedText>>;

/** Age bands of the aggregates; 15-17 is the band closest to majority (ageing out of protection). */
export const AGE_BANDS = {
  '0-5': { es: '0 a 5 años', en: '0 to 5 years' },
  '6-11': { es: '6 a 11 años', en: '6 to 11 years' },
  '12-14': { es: '12 a 14 años', en: '12 to 14 years' },
  '15-17': { es: '15 a 17 años', en: '15 to 17 years' },
} as const satisfies CodeList;
export type AgeBand = keyof typeof AGE_BANDS;

/** The ages (inclusive) of each band. */
export const AGE_BAND_RANGES: Readonly<Record<AgeBand, readonly [number, number]>> = {
  '0-5': [0, 5],
  '6-11': [6, 11],
  '12-14': [12, 14],
  '15-17': [15, 17],
};

export const AGE_ASSESSMENTS = {
  documented: { es: 'Documentada (documento de identidad)', en: 'Documented (identity document)' },
  declared: { es: 'Declarada por la niña, niño o adolescente', en: 'Declared by the child' },
  estimated: {
    es: 'Estimada por el personal (evaluación de edad)',
    en: 'Estimated by staff (age assessment)',
  },
} as const satisfies CodeList;

export const SEXES = {
  female: { es: 'Femenino', en: 'Female' },
  male: { es: 'Masculino', en: 'Male' },
  other: { es: 'Otro', en: 'Other' },
  unknown: { es: 'Sin dato', en: 'Unknown' },
} as const satisfies CodeList;

/** Besides an ISO 3166-1 alpha-2 code, a nationality may be one of these. */
export const NATIONALITY_EXTRAS = {
  stateless: { es: 'Apátrida', en: 'Stateless' },
  unknown: { es: 'Desconocida', en: 'Unknown' },
} as const satisfies CodeList;

/** Besides an ISO 3166-1 alpha-2 code, a country of origin or destination may be unknown. */
export const COUNTRY_EXTRAS = {
  unknown: { es: 'Desconocido', en: 'Unknown' },
} as const satisfies CodeList;

export const MIGRATION_STAGES = {
  in_transit: { es: 'En tránsito', en: 'In transit' },
  at_destination: { es: 'En el país de destino', en: 'In the country of destination' },
  returned: { es: 'Retornada/o a su país', en: 'Returned to their country' },
  unknown: { es: 'Sin dato', en: 'Unknown' },
} as const satisfies CodeList;

/** UN CRC General Comment No. 6 (2005), paragraphs 7-8. */
export const ACCOMPANIMENTS = {
  unaccompanied: {
    es: 'No acompañada/o (sin madre, padre ni otro familiar o persona adulta responsable)',
    en: 'Unaccompanied (without parents, other relatives or a responsible adult)',
  },
  separated: {
    es: 'Separada/o (sin madre, padre o tutor, pero puede estar con otros familiares)',
    en: 'Separated (without parents or legal caregiver, possibly with other relatives)',
  },
  accompanied: {
    es: 'Acompañada/o por su madre, padre o tutor legal',
    en: 'Accompanied by a parent or legal caregiver',
  },
} as const satisfies CodeList;
export type Accompaniment = keyof typeof ACCOMPANIMENTS;

/** Who the child travels with (field practice: siblings together, an unrelated adult, groups of children). */
export const TRAVELLING_WITH = {
  alone: { es: 'Viaja sola/o', en: 'Travelling alone' },
  siblings: { es: 'Con hermanas o hermanos', en: 'With siblings' },
  other_children: {
    es: 'Con otras niñas, niños o adolescentes no familiares',
    en: 'With other, unrelated children',
  },
  adult_relative: {
    es: 'Con un familiar adulto que no es su tutor legal',
    en: 'With an adult relative who is not the legal caregiver',
  },
  unrelated_adult: { es: 'Con una persona adulta no familiar', en: 'With an unrelated adult' },
  parent_or_legal_caregiver: {
    es: 'Con su madre, padre o tutor legal',
    en: 'With a parent or legal caregiver',
  },
  unknown: { es: 'Sin dato', en: 'Unknown' },
} as const satisfies CodeList;
export type TravellingWith = keyof typeof TRAVELLING_WITH;

export const DETECTION_PLACE_TYPES = {
  border_post: { es: 'Puesto fronterizo', en: 'Border post' },
  airport: { es: 'Aeropuerto', en: 'Airport' },
  transport_terminal: { es: 'Terminal de transporte terrestre', en: 'Bus or train terminal' },
  migration_station: { es: 'Estación migratoria', en: 'Migration station' },
  shelter: { es: 'Albergue', en: 'Shelter' },
  returnee_reception_centre: {
    es: 'Centro de recepción de personas retornadas',
    en: 'Reception centre for returnees',
  },
  street_public_space: { es: 'Calle o espacio público', en: 'Street or public space' },
  workplace: { es: 'Lugar de trabajo', en: 'Workplace' },
  other: { es: 'Otro lugar', en: 'Other place' },
} as const satisfies CodeList;

export const INTERNATIONAL_PROTECTION_NEEDS = {
  asylum_seeker: { es: 'Solicitante de asilo o refugio', en: 'Asylum seeker' },
  refugee: { es: 'Refugiada/o reconocida/o', en: 'Recognised refugee' },
  stateless: { es: 'Apátrida o en riesgo de apatridia', en: 'Stateless or at risk of statelessness' },
  trafficking_victim: { es: 'Víctima de trata de personas', en: 'Victim of trafficking' },
  violence_victim: { es: 'Víctima de violencia', en: 'Victim of violence' },
  none_identified: { es: 'Ninguna identificada', en: 'None identified' },
  not_yet_assessed: { es: 'Aún no evaluadas', en: 'Not yet assessed' },
} as const satisfies CodeList;

export const DOCUMENTATION = {
  passport: { es: 'Pasaporte', en: 'Passport' },
  national_id: { es: 'Documento nacional de identidad', en: 'National identity document' },
  birth_certificate: { es: 'Partida o acta de nacimiento', en: 'Birth certificate' },
  consular_document: {
    es: 'Documento consular (p. ej. salvoconducto)',
    en: 'Consular document (e.g. safe-conduct)',
  },
  minor_travel_permit: { es: 'Permiso de viaje de persona menor de edad', en: "Minor's travel permit" },
  other: { es: 'Otro documento', en: 'Other document' },
  none: { es: 'Ninguno', en: 'None' },
} as const satisfies CodeList;

export const HEALTH_NEEDS = {
  urgent_care: { es: 'Atención médica urgente', en: 'Urgent medical care' },
  chronic_condition: { es: 'Enfermedad crónica', en: 'Chronic condition' },
  injury: { es: 'Lesiones', en: 'Injury' },
  malnutrition_dehydration: { es: 'Desnutrición o deshidratación', en: 'Malnutrition or dehydration' },
  infectious_disease: { es: 'Enfermedad infecciosa', en: 'Infectious disease' },
  sexual_reproductive_health: { es: 'Salud sexual y reproductiva', en: 'Sexual and reproductive health' },
  continuous_medication: { es: 'Requiere medicación continua', en: 'Needs continuous medication' },
  none_identified: { es: 'Ninguna identificada', en: 'None identified' },
  not_yet_assessed: { es: 'Aún no evaluadas', en: 'Not yet assessed' },
} as const satisfies CodeList;

export const PSYCHOSOCIAL_NEEDS = {
  acute_distress: { es: 'Crisis o angustia aguda', en: 'Acute distress' },
  trauma_symptoms: { es: 'Síntomas asociados a trauma', en: 'Trauma-related symptoms' },
  self_harm_risk: { es: 'Riesgo de autolesión o suicidio', en: 'Risk of self-harm or suicide' },
  substance_use: { es: 'Consumo de sustancias', en: 'Substance use' },
  family_separation_grief: {
    es: 'Duelo por separación o pérdida familiar',
    en: 'Grief over family separation or loss',
  },
  specialised_care: { es: 'Requiere atención especializada', en: 'Needs specialised care' },
  none_identified: { es: 'Ninguna identificada', en: 'None identified' },
  not_yet_assessed: { es: 'Aún no evaluadas', en: 'Not yet assessed' },
} as const satisfies CodeList;

export const YES_NO_UNKNOWN = {
  yes: { es: 'Sí', en: 'Yes' },
  no: { es: 'No', en: 'No' },
  unknown: { es: 'Sin dato', en: 'Unknown' },
} as const satisfies CodeList;

export const PREGNANCY_OR_PARENTHOOD = {
  pregnant: { es: 'Embarazada', en: 'Pregnant' },
  parent_child_present: {
    es: 'Madre o padre, con su hija o hijo presente',
    en: 'Parent, with their child present',
  },
  parent_child_elsewhere: {
    es: 'Madre o padre, con su hija o hijo en otro lugar',
    en: 'Parent, with their child elsewhere',
  },
  none: { es: 'Ninguna', en: 'None' },
  unknown: { es: 'Sin dato', en: 'Unknown' },
} as const satisfies CodeList;

export const REASONS_FOR_MIGRATING = {
  violence: {
    es: 'Violencia (familiar, de pandillas o comunitaria)',
    en: 'Violence (family, gang or community)',
  },
  family_reunification: { es: 'Reunificación familiar', en: 'Family reunification' },
  economic: { es: 'Razones económicas', en: 'Economic reasons' },
  education: { es: 'Educación', en: 'Education' },
  climate_disaster: { es: 'Desastres o cambio climático', en: 'Disaster or climate change' },
  persecution: { es: 'Persecución', en: 'Persecution' },
  trafficking_smuggling: { es: 'Trata o tráfico de personas', en: 'Trafficking or smuggling' },
  other: { es: 'Otro motivo', en: 'Other reason' },
  unknown: { es: 'Sin dato', en: 'Unknown' },
} as const satisfies CodeList;

export const SCHOOLING = {
  enrolled: { es: 'Estudiaba antes de migrar', en: 'Attending school before migrating' },
  not_enrolled: { es: 'No estudiaba antes de migrar', en: 'Not attending school before migrating' },
  unknown: { es: 'Sin dato', en: 'Unknown' },
} as const satisfies CodeList;
