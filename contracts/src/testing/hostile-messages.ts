/**
 * Deterministic hostile messages from a "national system", for the inbound gate's unit test and the
 * later Kafka fault test. Each message has exactly one defect, so the code it must be rejected with is
 * known (`expected`). Same seed and count, same messages, byte for byte.
 */
import { MEMBER_COUNTRIES, seededRandom as prng, type CountryCode } from '@crm/kernel';
import { CE_HEADERS } from '../cloudevents';
import { encodeIntegrationEvent } from '../codec';
import { reportSubmissionRequestedV1, type ReportSubmissionRequestedV1 } from '../plan/submission';
import type { RejectionCode } from '../rejection';
import { inboundTopic } from '../topics';

export interface HostileMessage {
  expected: RejectionCode;
  /** Which defect, e.g. `schema_violation/http_evidence`. */
  variant: string;
  topic: string;
  headers: Record<string, string>;
  value: Buffer;
  maxBytes: number;
}

export interface HostileSet {
  messages: HostileMessage[];
  /** Ids the gate must treat as already processed (the `duplicate_id` messages reuse them). */
  seenIds: ReadonlySet<string>;
  maxBytes: number;
}

export const HOSTILE_CATEGORIES: readonly RejectionCode[] = [
  'too_large',
  'invalid_json',
  'missing_cloudevents_header',
  'invalid_cloudevents_header',
  'unknown_type',
  'unknown_version',
  'schema_violation',
  'country_mismatch',
  'duplicate_id',
];

type Payload = ReportSubmissionRequestedV1;
type Mutable = Record<string, unknown>;

/** A valid submission from `country` (the starting point every defect is applied to). */
export function validSubmission(
  country: CountryCode,
  n: number,
): { topic: string; headers: Record<string, string>; value: Buffer; data: Payload; id: string } {
  const data: Payload = {
    ...reportSubmissionRequestedV1.example,
    country,
    externalReference: `${country}-SNI-${String(n).padStart(6, '0')}`,
  };
  const id = `hostile-${country}-${n}`;
  const encoded = encodeIntegrationEvent({
    type: 'plan.report.submission-requested',
    version: 1,
    data,
    country,
    id,
    time: '2020-07-10T15:04:05.000Z',
  });
  return { topic: inboundTopic(country, 'plan'), headers: encoded.headers, value: encoded.value, data, id };
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');

const SCHEMA_DEFECTS: [string, (p: Mutable) => unknown][] = [
  ['bad_status', (p) => ({ ...p, status: 'finished' })],
  ['empty_narrative', (p) => ({ ...p, narrative: {} })],
  ['blank_narrative', (p) => ({ ...p, narrative: { es: '   ' } })],
  ['other_language', (p) => ({ ...p, narrative: { fr: 'Rapport' } })],
  ['http_evidence', (p) => ({ ...p, evidence: ['http://www.example.org/x.pdf'] })],
  ['javascript_evidence', (p) => ({ ...p, evidence: ['javascript:alert(1)'] })],
  ['credentials_in_evidence', (p) => ({ ...p, evidence: ['https://user:secret@www.example.org/x.pdf'] })],
  [
    'too_many_evidence_links',
    (p) => ({ ...p, evidence: Array.from({ length: 21 }, (_, i) => `https://www.example.org/${i}.pdf`) }),
  ],
  [
    'duplicate_evidence',
    (p) => ({ ...p, evidence: ['https://www.example.org/a.pdf', 'https://www.example.org/a.pdf'] }),
  ],
  ['indicator_value_string', (p) => ({ ...p, indicators: [{ indicator: 'Funcionarios', value: '42' }] })],
  ['indicator_without_name', (p) => ({ ...p, indicators: [{ value: 3 }] })],
  [
    'too_many_indicators',
    (p) => ({ ...p, indicators: Array.from({ length: 51 }, (_, i) => ({ indicator: `i${i}`, value: i })) }),
  ],
  ['extra_property', (p) => ({ ...p, childName: 'X' })],
  [
    'missing_external_reference',
    (p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'externalReference')),
  ],
  ['missing_activity', (p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'activityId'))],
  ['bad_period', (p) => ({ ...p, period: '2020-S3' })],
  ['bad_activity_id', (p) => ({ ...p, activityId: 'IV 1; DROP' })],
  ['unknown_country', (p) => ({ ...p, country: 'ZZ' })],
  ['array_payload', () => []],
  ['null_payload', () => null],
  ['string_payload', () => 'report'],
];

export function hostileMessages(count = 1000, seed = 20170316, maxBytes = 16 * 1024): HostileSet {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const seen = new Set<string>();
  const messages: HostileMessage[] = [];

  for (let i = 0; i < count; i++) {
    const expected = HOSTILE_CATEGORIES[i % HOSTILE_CATEGORIES.length] as RejectionCode;
    const country = pick(MEMBER_COUNTRIES);
    const other = pick(MEMBER_COUNTRIES.filter((c) => c !== country));
    const base = validSubmission(country, i);
    const headers = { ...base.headers };
    let value: Buffer = base.value;
    let variant = '';
    const payload = base.data as unknown as Mutable;

    switch (expected) {
      case 'too_large': {
        variant = pick(['padded_narrative', 'random_bytes', 'huge_unknown_field']);
        const size = maxBytes + 1 + Math.floor(random() * 4096);
        if (variant === 'padded_narrative') value = json({ ...payload, narrative: { es: 'a'.repeat(size) } });
        else if (variant === 'random_bytes')
          value = Buffer.from(Array.from({ length: size }, () => Math.floor(random() * 256)));
        else value = json({ ...payload, padding: 'x'.repeat(size) });
        break;
      }
      case 'invalid_json': {
        variant = pick(['truncated', 'single_quotes', 'invalid_utf8', 'trailing_garbage', 'empty', 'nan']);
        const text = base.value.toString('utf8');
        if (variant === 'truncated')
          value = Buffer.from(text.slice(0, 1 + Math.floor(random() * (text.length - 2))), 'utf8');
        else if (variant === 'single_quotes') value = Buffer.from(text.replace(/"/g, "'"), 'utf8');
        else if (variant === 'invalid_utf8')
          value = Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3, 0x28]), base.value]);
        else if (variant === 'trailing_garbage') value = Buffer.from(`${text} }{`, 'utf8');
        else if (variant === 'empty') value = Buffer.alloc(0);
        else value = Buffer.from('NaN', 'utf8');
        break;
      }
      case 'missing_cloudevents_header': {
        const header = pick([
          CE_HEADERS.id,
          CE_HEADERS.source,
          CE_HEADERS.specversion,
          CE_HEADERS.type,
          CE_HEADERS.crmcountry,
          CE_HEADERS.datacontenttype,
        ]);
        variant = pick(['dropped', 'upper_case', 'http_style']);
        const v = headers[header] as string;
        delete headers[header];
        if (variant === 'upper_case') headers[header.toUpperCase()] = v;
        if (variant === 'http_style')
          headers[header === CE_HEADERS.datacontenttype ? 'content_type' : header.replace('ce_', 'ce-')] = v;
        variant = `${variant}:${header}`;
        break;
      }
      case 'invalid_cloudevents_header': {
        const defects: [string, () => void][] = [
          ['specversion_0.3', () => (headers[CE_HEADERS.specversion] = '0.3')],
          ['time_not_rfc3339', () => (headers[CE_HEADERS.time] = 'yesterday')],
          ['time_month_13', () => (headers[CE_HEADERS.time] = '2020-13-01T00:00:00Z')],
          ['content_type_xml', () => (headers[CE_HEADERS.datacontenttype] = 'application/xml')],
          ['crmcountry_not_member', () => (headers[CE_HEADERS.crmcountry] = 'AR')],
          ['crmcountry_lower_case', () => (headers[CE_HEADERS.crmcountry] = country.toLowerCase())],
          ['empty_id', () => (headers[CE_HEADERS.id] = '')],
          ['dataschema_not_uri', () => (headers[CE_HEADERS.dataschema] = 'not a uri')],
          [
            'dataschema_other_contract',
            () => (headers[CE_HEADERS.dataschema] = 'urn:crm:contracts:schema:plan.report.approved.v1'),
          ],
          ['header_too_long', () => (headers[CE_HEADERS.subject] = 's'.repeat(5000))],
          ['source_with_spaces', () => (headers[CE_HEADERS.source] = '/national/ HN')],
        ];
        const [name, apply] = pick(defects);
        variant = name;
        apply();
        break;
      }
      case 'unknown_type': {
        variant = pick([
          'org.crm.plan.report.deleted.v1',
          'com.example.evil.v1',
          'org.crm.plan.report.approved.v1',
          'org.crm.plan.report.submission-outcome.v1',
          'org.crm.plan.catalogue.amended.v1',
          'org.crm.referrals.case.opened.v1',
          'plan.report.submission-requested.v1',
          'org.crm.plan.report.submission-requested',
          'ORG.CRM.PLAN.REPORT.SUBMISSION-REQUESTED.V1',
        ]);
        headers[CE_HEADERS.type] = variant;
        delete headers[CE_HEADERS.dataschema]; // optional; left in, it would be refused first as not matching the type
        break;
      }
      case 'unknown_version': {
        variant = pick(['v0', 'v2', 'v10', 'v99']);
        headers[CE_HEADERS.type] = `org.crm.plan.report.submission-requested.${variant}`;
        delete headers[CE_HEADERS.dataschema];
        break;
      }
      case 'schema_violation': {
        const [name, mutate] = pick(SCHEMA_DEFECTS);
        variant = name;
        value = json(mutate(payload));
        break;
      }
      case 'country_mismatch': {
        variant = pick([
          'header_other_country',
          'payload_other_country',
          'source_other_country',
          'header_secretariat',
        ]);
        if (variant === 'header_other_country') {
          headers[CE_HEADERS.crmcountry] = other;
          value = json({ ...payload, country: other });
        } else if (variant === 'payload_other_country') value = json({ ...payload, country: other });
        else if (variant === 'source_other_country') headers[CE_HEADERS.source] = `/national/${other}`;
        else headers[CE_HEADERS.crmcountry] = 'ST';
        break;
      }
      case 'duplicate_id': {
        variant = 'replayed_id';
        const id = `accepted-earlier-${i}`;
        seen.add(id);
        headers[CE_HEADERS.id] = id;
        break;
      }
    }
    messages.push({
      expected,
      variant: `${expected}/${variant}`,
      topic: base.topic,
      headers,
      value,
      maxBytes,
    });
  }
  return { messages, seenIds: seen, maxBytes };
}
