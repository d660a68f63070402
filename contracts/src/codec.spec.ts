import { LocalizedError } from '@crm/kernel';
import { decodeIntegrationEvent, encodeIntegrationEvent, isEventOf } from './codec';
import type { ContractDefinition } from './contract';
import { ContractViolationError, UnknownContractError } from './errors';
import { contractKey } from './naming';
import { reportReturnedV1, reportSubmittedV1 } from './plan';
import { ALL_CONTRACTS, type ContractName } from './registry';

const encodeExample = (c: ContractDefinition, id = 'evt-1') => {
  const data = c.example as Record<string, unknown>;
  return encodeIntegrationEvent({
    type: c.name as ContractName,
    version: c.version as 1,
    data: data as never,
    country: (typeof data.country === 'string' ? data.country : 'ST') as 'HN',
    id,
    time: '2020-07-20T10:00:00.000Z',
  });
};

describe('encodeIntegrationEvent / decodeIntegrationEvent', () => {
  it.each(
    (ALL_CONTRACTS as readonly ContractDefinition[]).map((c) => [contractKey(c.name, c.version), c] as const),
  )('%s round-trips', (_key, c) => {
    const message = encodeExample(c);
    expect(message.headers.ce_type).toBe(`org.crm.${c.name}.v${c.version}`);
    expect(message.headers['content-type']).toBe('application/json');
    expect(message.headers.ce_source).toBe(
      c.direction === 'inbound' ? `/national/${message.headers.ce_crmcountry}` : `/crm/${c.service}`,
    );
    const decoded = decodeIntegrationEvent(message);
    expect(decoded).toEqual({
      ok: true,
      event: expect.objectContaining({
        id: 'evt-1',
        type: c.name,
        version: c.version,
        data: c.example,
        time: '2020-07-20T10:00:00.000Z',
      }),
    });
  });

  it('types the payload by name and version', () => {
    const decoded = decodeIntegrationEvent(
      encodeIntegrationEvent({
        type: 'plan.report.returned',
        version: 1,
        data: reportReturnedV1.example,
        country: 'HN',
        subject: 'r',
      }),
    );
    if (!decoded.ok || !isEventOf(decoded.event, 'plan.report.returned', 1))
      throw new Error('expected a returned event');
    expect(decoded.event.data.comments.es).toContain('evidencia');
    expect(decoded.event.subject).toBe('r');
  });

  it('validates before producing: an invalid payload throws a bilingual ContractViolationError', () => {
    const invalid = { ...reportSubmittedV1.example, period: '2020-S9' };
    let error: unknown;
    try {
      encodeIntegrationEvent({ type: 'plan.report.submitted', version: 1, data: invalid, country: 'HN' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContractViolationError);
    expect(error).toBeInstanceOf(LocalizedError);
    const json = (error as ContractViolationError).toJSON();
    expect(json.code).toBe('contract_violation');
    expect(json.message.es).toContain('/period');
    expect(json.message.en).toContain('/period');
  });

  it('refuses a declared country that differs from the payload, an unknown jurisdiction and an unknown contract', () => {
    expect(() =>
      encodeIntegrationEvent({
        type: 'plan.report.submitted',
        version: 1,
        data: reportSubmittedV1.example,
        country: 'GT',
      }),
    ).toThrow(ContractViolationError);
    expect(() =>
      encodeIntegrationEvent({
        type: 'plan.report.submitted',
        version: 1,
        data: reportSubmittedV1.example,
        country: 'XX' as never,
      }),
    ).toThrow(ContractViolationError);
    expect(() =>
      encodeIntegrationEvent({
        type: 'plan.report.deleted' as never,
        version: 1 as never,
        data: {} as never,
        country: 'HN',
      }),
    ).toThrow(UnknownContractError);
  });

  it('decoding never throws: it returns a machine-readable rejection with es/en text', () => {
    const message = encodeExample(reportSubmittedV1 as ContractDefinition);
    const cases: [Record<string, string>, Buffer, string][] = [
      [message.headers, Buffer.from('{nope'), 'invalid_json'],
      [{ ...message.headers, ce_type: 'org.crm.plan.report.submitted.v7' }, message.value, 'unknown_version'],
      [{ ...message.headers, ce_type: 'org.crm.plan.report.vanished.v1' }, message.value, 'unknown_type'],
      [{ ...message.headers, ce_crmcountry: 'GT' }, message.value, 'country_mismatch'],
      [
        message.headers,
        Buffer.from(JSON.stringify({ ...reportSubmittedV1.example, late: 'yes' })),
        'schema_violation',
      ],
    ];
    for (const [headers, value, code] of cases) {
      const result = decodeIntegrationEvent({ headers, value });
      expect(result).toMatchObject({
        ok: false,
        code,
        message: { es: expect.any(String), en: expect.any(String) },
      });
    }
  });
});
