import { MEMBER_COUNTRIES } from '@crm/kernel';
import { SERVICES } from './naming';
import { reportSubmissionRequestedV1, reportSubmittedV1, catalogueAmendedV1 } from './plan';
import {
  deadLetterTopic,
  inboundTopic,
  kafkaAclCommands,
  outboundTopic,
  parseTopic,
  regionalTopic,
  topicFor,
  topicsOf,
} from './topics';

describe('topic layout', () => {
  it('computes and parses every country/service/direction topic and its dead letters', () => {
    for (const country of MEMBER_COUNTRIES) {
      for (const service of SERVICES) {
        expect(parseTopic(outboundTopic(country, service))).toEqual({
          country,
          direction: 'out',
          service,
          deadLetter: false,
        });
        expect(parseTopic(inboundTopic(country, service))).toEqual({
          country,
          direction: 'in',
          service,
          deadLetter: false,
        });
        expect(parseTopic(deadLetterTopic(inboundTopic(country, service)))).toEqual({
          country,
          direction: 'in',
          service,
          deadLetter: true,
        });
      }
    }
    expect(outboundTopic('HN', 'plan')).toBe('crm.HN.out.plan');
    expect(inboundTopic('GT', 'referrals')).toBe('crm.GT.in.referrals');
    expect(regionalTopic('plan')).toBe('crm.regional.plan');
    expect(parseTopic('crm.regional.plan.dlq')).toEqual({
      country: null,
      direction: 'regional',
      service: 'plan',
      deadLetter: true,
    });
  });

  it.each([
    'crm.hn.out.plan',
    'crm.AR.out.plan',
    'crm.HN.sideways.plan',
    'crm.HN.out.payroll',
    'crm.HN.out.plan.dlq.dlq',
    'other.HN.out.plan',
    'crm.regional.Plan',
    '',
  ])('does not parse %p', (topic) => expect(parseTopic(topic)).toBeNull());

  it('refuses to build topics for unknown countries or services, and dead letters of dead letters', () => {
    expect(() => outboundTopic('AR' as never, 'plan')).toThrow();
    expect(() => inboundTopic('HN', 'payroll' as never)).toThrow();
    expect(() => deadLetterTopic('crm.HN.in.plan.dlq')).toThrow();
  });

  it('routes each contract to its topic', () => {
    expect(topicFor(reportSubmittedV1, 'HN')).toBe('crm.HN.out.plan');
    expect(topicFor(reportSubmissionRequestedV1, 'HN')).toBe('crm.HN.in.plan');
    expect(topicFor(catalogueAmendedV1)).toBe('crm.regional.plan');
    expect(() => topicFor(reportSubmittedV1)).toThrow(/country/);
  });

  it('lists 23 topics per service (11 out, 11 in, 1 regional), 46 with dead letters', () => {
    expect(topicsOf('plan')).toHaveLength(23);
    expect(new Set(topicsOf('plan', { deadLetters: true })).size).toBe(46);
  });

  it('ACL commands for a country never name another country, and write only literal inbound topics', () => {
    for (const country of MEMBER_COUNTRIES) {
      const lines = kafkaAclCommands(country, SERVICES);
      const others = MEMBER_COUNTRIES.filter((c) => c !== country);
      for (const line of lines) for (const other of others) expect(line).not.toContain(`crm.${other}.`);
      const writes = lines.filter((l) => l.includes('--operation Write'));
      expect(writes).toHaveLength(SERVICES.length);
      for (const w of writes)
        expect(w).toMatch(
          new RegExp(`--topic crm\\.${country}\\.in\\.[a-z]+ --resource-pattern-type literal$`),
        );
      expect(
        lines.some((l) => l.includes(`--topic crm.${country}.out. --resource-pattern-type prefixed`)),
      ).toBe(true);
    }
  });
});
