import { fromKafkaHeaders, toKafkaHeaders, type CloudEvent } from './cloudevents';

const event: CloudEvent = {
  specversion: '1.0',
  id: '5d3c1f7e-1111-4a2b-9c3d-000000000001',
  source: '/crm/plan',
  type: 'org.crm.plan.report.approved.v1',
  time: '2020-07-20T10:00:00.000Z',
  subject: 'planReport-HN-IV.1.1.1-2020-S1',
  datacontenttype: 'application/json',
  dataschema: 'urn:crm:contracts:schema:plan.report.approved.v1',
  crmcountry: 'HN',
};

describe('CloudEvents Kafka binary mode', () => {
  it('maps attributes to ce_* headers and datacontenttype to content-type', () => {
    expect(toKafkaHeaders(event)).toEqual({
      ce_id: event.id,
      ce_source: '/crm/plan',
      ce_specversion: '1.0',
      ce_type: 'org.crm.plan.report.approved.v1',
      ce_time: '2020-07-20T10:00:00.000Z',
      ce_subject: 'planReport-HN-IV.1.1.1-2020-S1',
      ce_dataschema: 'urn:crm:contracts:schema:plan.report.approved.v1',
      ce_crmcountry: 'HN',
      'content-type': 'application/json',
    });
  });

  it('round-trips, extensions included, and ignores non-CloudEvents headers', () => {
    const headers = {
      ...toKafkaHeaders({ ...event, extensions: { traceparent: '00-abc-def-01' } }),
      'x-other': 'kept out',
      ce_Bad_Name: 'ignored',
    };
    expect(fromKafkaHeaders(headers)).toEqual({
      ok: true,
      event: { ...event, extensions: { traceparent: '00-abc-def-01' } },
    });
  });

  it('refuses to write invalid extension names or a missing required attribute', () => {
    expect(() => toKafkaHeaders({ ...event, extensions: { 'crm-country': 'HN' } })).toThrow(/extension name/);
    expect(() => toKafkaHeaders({ ...event, extensions: { Country: 'HN' } })).toThrow(/extension name/);
    expect(() => toKafkaHeaders({ ...event, extensions: { type: 'x' } })).toThrow(/extension name/);
    expect(() => toKafkaHeaders({ ...event, id: '' })).toThrow(/"id" is required/);
  });

  it.each(['ce_id', 'ce_source', 'ce_specversion', 'ce_type'])('reports a missing %s', (header) => {
    const headers: Record<string, string> = toKafkaHeaders(event);
    delete headers[header];
    expect(fromKafkaHeaders(headers)).toMatchObject({
      ok: false,
      code: 'missing_cloudevents_header',
      header,
    });
  });

  it.each([
    ['ce_specversion', '0.3'],
    ['ce_time', '2020-07-20 10:00'],
    ['ce_time', '2020-02-30T10:00:00Z'],
    ['ce_dataschema', 'plan.report.approved.v1'],
    ['ce_id', '  '],
    ['ce_source', 'with space'],
    ['ce_subject', 'x'.repeat(3000)],
  ])('reports an invalid %s (%s)', (header, value) => {
    const result = fromKafkaHeaders({ ...toKafkaHeaders(event), [header]: value });
    expect(result).toMatchObject({ ok: false, code: 'invalid_cloudevents_header', header });
  });

  it('header names are exact (the binding uses lower case)', () => {
    const headers: Record<string, string> = toKafkaHeaders(event);
    headers.CE_ID = headers.ce_id as string;
    delete headers.ce_id;
    expect(fromKafkaHeaders(headers)).toMatchObject({ ok: false, header: 'ce_id' });
  });
});
