/**
 * CloudEvents 1.0 in Kafka binary content mode (Kafka protocol binding, §3.2): the payload (`data`)
 * is the record value as-is; `datacontenttype` travels as the `content-type` header; every other
 * attribute, extensions included, travels as a header named `ce_<attribute>` (UTF-8 key and value).
 * Headers are plain strings, the Bus port's `MessageHeaders`.
 */
export const CE_SPECVERSION = '1.0';
export const CE_HEADER_PREFIX = 'ce_';
export const CONTENT_TYPE_HEADER = 'content-type';
/** Our extension attribute: the jurisdiction an event concerns (country code, or ST for network-wide). */
export const CRM_COUNTRY_EXTENSION = 'crmcountry';
/** CloudEvents attribute names: lowercase ASCII letters and digits (≤ 20 characters recommended). */
export const ATTRIBUTE_NAME = /^[a-z0-9]{1,20}$/;
/** Longest header value accepted when reading (hostile input guard). */
export const MAX_HEADER_VALUE_LENGTH = 2048;

export const CE_HEADERS = {
  id: 'ce_id',
  source: 'ce_source',
  specversion: 'ce_specversion',
  type: 'ce_type',
  time: 'ce_time',
  subject: 'ce_subject',
  dataschema: 'ce_dataschema',
  crmcountry: 'ce_crmcountry',
  datacontenttype: CONTENT_TYPE_HEADER,
} as const;

const REQUIRED = ['id', 'source', 'specversion', 'type'] as const;
const OPTIONAL = ['time', 'subject', 'dataschema', 'datacontenttype'] as const;
const CORE: readonly string[] = [...REQUIRED, ...OPTIONAL, 'data'];

export interface CloudEvent {
  specversion: typeof CE_SPECVERSION;
  id: string;
  /** URI-reference: `/crm/<service>` for the platform, `/national/<country>` for a national system. */
  source: string;
  /** `org.crm.<name>.v<N>`. */
  type: string;
  /** RFC 3339. */
  time?: string;
  subject?: string;
  datacontenttype?: string;
  dataschema?: string;
  crmcountry?: string;
  /** Any other extension attributes (names: lowercase alphanumeric). */
  extensions?: Record<string, string>;
}

export type HeaderProblemCode = 'missing_cloudevents_header' | 'invalid_cloudevents_header';
export type FromHeadersResult =
  { ok: true; event: CloudEvent } | { ok: false; code: HeaderProblemCode; header: string; reason: string };

const RFC3339 =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;
const URI_REFERENCE = /^[^\s]+$/;

/** RFC 3339 date-time with a real calendar date (no 30 February). */
export function isRfc3339(value: string): boolean {
  if (!RFC3339.test(value)) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Maps a CloudEvent (without data) to Kafka headers; throws on an attribute that cannot be mapped. */
export function toKafkaHeaders(ce: CloudEvent): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REQUIRED) {
    const value = ce[name];
    if (typeof value !== 'string' || value === '')
      throw new Error(`CloudEvents attribute "${name}" is required`);
    headers[CE_HEADERS[name]] = value;
  }
  if (ce.specversion !== CE_SPECVERSION)
    throw new Error(`unsupported CloudEvents specversion "${ce.specversion}"`);
  for (const name of OPTIONAL) {
    const value = ce[name];
    if (value !== undefined) headers[CE_HEADERS[name]] = value;
  }
  if (ce.crmcountry !== undefined) headers[CE_HEADERS.crmcountry] = ce.crmcountry;
  for (const [name, value] of Object.entries(ce.extensions ?? {})) {
    if (!ATTRIBUTE_NAME.test(name) || CORE.includes(name) || name === CRM_COUNTRY_EXTENSION)
      throw new Error(`invalid CloudEvents extension name "${name}"`);
    headers[`${CE_HEADER_PREFIX}${name}`] = value;
  }
  return headers;
}

function problem(code: HeaderProblemCode, header: string, reason: string): FromHeadersResult {
  return { ok: false, code, header, reason };
}

/**
 * Reads a CloudEvent (attributes only) from Kafka headers. Required: ce_id, ce_source, ce_specversion
 * (= "1.0"), ce_type; ce_time must be RFC 3339 and ce_dataschema an absolute URI when present.
 * Header names are matched exactly (the binding's lowercase names); other headers are ignored.
 */
export function fromKafkaHeaders(headers: Readonly<Record<string, string | undefined>>): FromHeadersResult {
  for (const [key, value] of Object.entries(headers)) {
    if (
      (key.startsWith(CE_HEADER_PREFIX) || key === CONTENT_TYPE_HEADER) &&
      typeof value === 'string' &&
      value.length > MAX_HEADER_VALUE_LENGTH
    ) {
      return problem('invalid_cloudevents_header', key, `longer than ${MAX_HEADER_VALUE_LENGTH} characters`);
    }
  }
  for (const name of REQUIRED) {
    const value = headers[CE_HEADERS[name]];
    if (value === undefined) return problem('missing_cloudevents_header', CE_HEADERS[name], 'missing');
    if (typeof value !== 'string' || value.trim() === '')
      return problem('invalid_cloudevents_header', CE_HEADERS[name], 'empty');
  }
  const get = (h: string) => headers[h] as string;
  if (get(CE_HEADERS.specversion) !== CE_SPECVERSION)
    return problem(
      'invalid_cloudevents_header',
      CE_HEADERS.specversion,
      `unsupported specversion (only ${CE_SPECVERSION})`,
    );
  if (!URI_REFERENCE.test(get(CE_HEADERS.source)))
    return problem('invalid_cloudevents_header', CE_HEADERS.source, 'not a URI-reference');
  const event: CloudEvent = {
    specversion: CE_SPECVERSION,
    id: get(CE_HEADERS.id),
    source: get(CE_HEADERS.source),
    type: get(CE_HEADERS.type),
  };
  const time = headers[CE_HEADERS.time];
  if (time !== undefined) {
    if (!isRfc3339(time))
      return problem('invalid_cloudevents_header', CE_HEADERS.time, 'not an RFC 3339 timestamp');
    event.time = time;
  }
  const dataschema = headers[CE_HEADERS.dataschema];
  if (dataschema !== undefined) {
    if (!ABSOLUTE_URI.test(dataschema))
      return problem('invalid_cloudevents_header', CE_HEADERS.dataschema, 'not an absolute URI');
    event.dataschema = dataschema;
  }
  if (headers[CE_HEADERS.subject] !== undefined) event.subject = headers[CE_HEADERS.subject];
  if (headers[CE_HEADERS.datacontenttype] !== undefined)
    event.datacontenttype = headers[CE_HEADERS.datacontenttype];
  if (headers[CE_HEADERS.crmcountry] !== undefined) event.crmcountry = headers[CE_HEADERS.crmcountry];
  const known = new Set<string>(Object.values(CE_HEADERS));
  for (const [key, value] of Object.entries(headers)) {
    if (!key.startsWith(CE_HEADER_PREFIX) || known.has(key) || value === undefined) continue;
    const name = key.slice(CE_HEADER_PREFIX.length);
    if (!ATTRIBUTE_NAME.test(name)) continue; // not a CloudEvents attribute header: ignored
    event.extensions = { ...event.extensions, [name]: value };
  }
  return { ok: true, event };
}
