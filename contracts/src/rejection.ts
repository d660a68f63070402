import type { LocalizedText } from '@crm/kernel';

/** Machine-readable reasons a message is refused (stable: they appear in dead letters and outcomes). */
export const REJECTION_CODES = [
  'too_large',
  'invalid_json',
  'missing_cloudevents_header',
  'invalid_cloudevents_header',
  'unknown_type',
  'unknown_version',
  'schema_violation',
  'country_mismatch',
  'duplicate_id',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  ok: false;
  code: RejectionCode;
  message: LocalizedText;
  details: Record<string, unknown>;
}

const TEXT: Record<RejectionCode, (d: Record<string, unknown>) => LocalizedText> = {
  too_large: (d) => ({
    es: `El mensaje ocupa ${d.size} bytes; el máximo admitido es ${d.maxBytes}.`,
    en: `The message is ${d.size} bytes; at most ${d.maxBytes} are accepted.`,
  }),
  invalid_json: (d) => ({
    es: `El contenido no es JSON UTF-8 válido (${d.reason}).`,
    en: `The value is not valid UTF-8 JSON (${d.reason}).`,
  }),
  missing_cloudevents_header: (d) => ({
    es: `Falta la cabecera CloudEvents obligatoria "${d.header}".`,
    en: `The required CloudEvents header "${d.header}" is missing.`,
  }),
  invalid_cloudevents_header: (d) => ({
    es: `La cabecera CloudEvents "${d.header}" no es válida (${d.reason}).`,
    en: `The CloudEvents header "${d.header}" is not valid (${d.reason}).`,
  }),
  unknown_type: (d) => ({
    es: `Tipo de evento desconocido o no admitido en este tema: "${d.type}".`,
    en: `Unknown event type, or not accepted on this topic: "${d.type}".`,
  }),
  unknown_version: (d) => ({
    es: `Versión no publicada del evento "${d.name}": v${d.version}. Versiones vigentes: ${d.known}.`,
    en: `Unpublished version of event "${d.name}": v${d.version}. Current versions: ${d.known}.`,
  }),
  schema_violation: (d) => ({
    es: `El contenido no cumple el esquema de "${d.type}" en "${d.path || '/'}": ${d.reason}.`,
    en: `The payload does not satisfy the schema of "${d.type}" at "${d.path || '/'}": ${d.reason}.`,
  }),
  country_mismatch: (d) => ({
    es: `El país declarado (${d.declared}, en ${d.where}) no coincide con el país del tema o credencial (${d.expected}).`,
    en: `The declared country (${d.declared}, in ${d.where}) does not match the topic's or credential's country (${d.expected}).`,
  }),
  duplicate_id: (d) => ({
    es: `El identificador de evento "${d.id}" ya fue recibido; el mensaje repetido no se aplica.`,
    en: `Event id "${d.id}" was already received; the repeated message is not applied.`,
  }),
};

export function reject(code: RejectionCode, details: Record<string, unknown>): Rejection {
  return { ok: false, code, message: TEXT[code](details), details };
}
