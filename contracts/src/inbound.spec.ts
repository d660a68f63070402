import { MEMBER_COUNTRIES } from '@crm/kernel';
import { checkInboundMessage } from './inbound';
import { encodeIntegrationEvent } from './codec';
import { reportApprovedV1 } from './plan';
import { REJECTION_CODES } from './rejection';
import { HOSTILE_CATEGORIES, hostileMessages, validSubmission } from './testing/hostile-messages';

const never = () => false;

describe('checkInboundMessage', () => {
  it('accepts a valid submission from each country on its own topic', () => {
    for (const country of MEMBER_COUNTRIES) {
      const { topic, headers, value, id } = validSubmission(country, 1);
      const result = checkInboundMessage({ topic, headers, value, maxBytes: 16 * 1024 }, never);
      expect(result).toMatchObject({
        ok: true,
        event: {
          id,
          country,
          type: 'plan.report.submission-requested',
          version: 1,
          source: `/national/${country}`,
        },
      });
    }
  });

  it('rejects a valid message on another country’s topic (declared country vs topic)', () => {
    const { headers, value } = validSubmission('HN', 1);
    expect(checkInboundMessage({ topic: 'crm.GT.in.plan', headers, value }, never)).toMatchObject({
      ok: false,
      code: 'country_mismatch',
    });
  });

  it('rejects an outbound event type forged by a national system', () => {
    const forged = encodeIntegrationEvent({
      type: 'plan.report.approved',
      version: 1,
      data: reportApprovedV1.example,
      country: 'HN',
      source: '/national/HN',
    });
    expect(checkInboundMessage({ topic: 'crm.HN.in.plan', ...forged }, never)).toMatchObject({
      ok: false,
      code: 'unknown_type',
    });
  });

  it('reports the ajv path of a schema violation', () => {
    const { topic, headers, data } = validSubmission('HN', 1);
    const value = Buffer.from(JSON.stringify({ ...data, evidence: ['https://a.org/1', 'http://b.org/2'] }));
    expect(checkInboundMessage({ topic, headers, value }, never)).toMatchObject({
      ok: false,
      code: 'schema_violation',
      details: { path: '/evidence/1' },
    });
  });

  it('rejects a repeated id only when it was already processed', () => {
    const { topic, headers, value, id } = validSubmission('MX', 7);
    expect(checkInboundMessage({ topic, headers, value }, (seen) => seen === id)).toMatchObject({
      ok: false,
      code: 'duplicate_id',
    });
    expect(checkInboundMessage({ topic, headers, value }, (seen) => seen === 'another')).toMatchObject({
      ok: true,
    });
  });

  it('throws (programming error) when called for a topic that is not inbound', () => {
    const { headers, value } = validSubmission('HN', 1);
    expect(() => checkInboundMessage({ topic: 'crm.HN.out.plan', headers, value }, never)).toThrow(
      /not an inbound topic/,
    );
  });
});

describe('1,000 hostile messages', () => {
  const set = hostileMessages(1000);

  it('are deterministic and cover every category with many variants', () => {
    const again = hostileMessages(1000);
    expect(again.messages.map((m) => [m.variant, m.headers, m.value.toString('base64')])).toEqual(
      set.messages.map((m) => [m.variant, m.headers, m.value.toString('base64')]),
    );
    expect(hostileMessages(1000, 7).messages.map((m) => m.variant)).not.toEqual(
      set.messages.map((m) => m.variant),
    );
    expect([...HOSTILE_CATEGORIES].sort()).toEqual([...REJECTION_CODES].sort());
    for (const category of HOSTILE_CATEGORIES)
      expect(set.messages.filter((m) => m.expected === category).length).toBeGreaterThanOrEqual(100);
    expect(new Set(set.messages.map((m) => m.variant)).size).toBeGreaterThanOrEqual(60);
  });

  it('are all rejected, each with the code of its category and a bilingual message', () => {
    const wrong = set.messages
      .map((m) => ({
        m,
        result: checkInboundMessage(
          { topic: m.topic, headers: m.headers, value: m.value, maxBytes: m.maxBytes },
          (id) => set.seenIds.has(id),
        ),
      }))
      .filter(
        ({ m, result }) =>
          result.ok || result.code !== m.expected || !result.message.es || !result.message.en,
      )
      .map(({ m, result }) => ({ variant: m.variant, got: result.ok ? 'accepted' : result.code }));
    expect(wrong).toEqual([]);
  });
});
