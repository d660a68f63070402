import { MEMBER_COUNTRIES } from '@crm/kernel';
import { SERVICES } from './naming';
import { reportSubmissionRequestedV1, reportSubmittedV1, catalogueAmendedV1 } from './plan';
import { aclAllows } from './testing/kafka-acl';
import {
  deadLetterTopic,
  inboundTopic,
  kafkaAclCommands,
  kafkaSecretariatAclCommands,
  nationalPrincipal,
  outboundTopic,
  outboundTopics,
  parseTopic,
  regionalTopic,
  SECRETARIAT_PRINCIPAL,
  topicFor,
  topicsOf,
} from './topics';

/** Every topic of the layout, dead letters included, for every service. */
const ALL_TOPICS = SERVICES.flatMap((s) => topicsOf(s, { deadLetters: true }));

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

  it('an event concerning several countries has one outbound topic per distinct country', () => {
    expect(outboundTopics(['HN', 'GT', 'HN'], 'referrals')).toEqual([
      'crm.HN.out.referrals',
      'crm.GT.out.referrals',
    ]);
    expect(() => outboundTopics([], 'plan')).toThrow(/at least one/);
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
      expect(lines.filter((l) => l.includes('.dlq'))).toHaveLength(SERVICES.length);
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

  describe.each(['', 'staging.'])('confinement by the generated ACL (namespace %p)', (namespace) => {
    const topics = ALL_TOPICS.map((t) => `${namespace}${t}`);
    const logical = (t: string) => parseTopic(t.slice(namespace.length))!;

    it.each([...MEMBER_COUNTRIES])(
      'the national system of %s reads only its own topics and the regional ones, writes only its inbound topics',
      (country) => {
        const lines = kafkaAclCommands(country, SERVICES, { namespace });
        const principal = nationalPrincipal(country);
        for (const topic of topics) {
          const { country: of, direction, deadLetter } = logical(topic);
          const read = aclAllows(lines, principal, 'Read', topic);
          // never a topic carrying another country's data
          if (read) expect([country, null]).toContain(of);
          const expectedRead =
            direction === 'regional' || (of === country && (direction === 'out' || deadLetter));
          expect([topic, read]).toEqual([topic, expectedRead]);
          const write = aclAllows(lines, principal, 'Write', topic);
          expect([topic, write]).toEqual([topic, of === country && direction === 'in' && !deadLetter]);
        }
        // its own inbound dead letters: readable (docs/inbound-gateway.md), never writable
        for (const s of SERVICES) {
          const dlq = `${namespace}${deadLetterTopic(inboundTopic(country, s))}`;
          expect(aclAllows(lines, principal, 'Read', dlq)).toBe(true);
          expect(aclAllows(lines, principal, 'Write', dlq)).toBe(false);
        }
        // nothing at all outside the namespace (another deployment's topics)
        if (namespace) for (const t of ALL_TOPICS) expect(aclAllows(lines, principal, 'Read', t)).toBe(false);
        expect(lines.filter((l) => l.includes('--group'))).toEqual([
          expect.stringContaining(
            `--group ${namespace}national-${country.toLowerCase()}. --resource-pattern-type prefixed`,
          ),
        ]);
      },
    );

    it("the Secretariat's principal reads every country's outbound topics and the regional ones, nothing inbound, writes nothing", () => {
      const lines = kafkaSecretariatAclCommands({ namespace });
      for (const topic of topics) {
        const { direction } = logical(topic);
        expect([topic, aclAllows(lines, SECRETARIAT_PRINCIPAL, 'Read', topic)]).toEqual([
          topic,
          direction !== 'in',
        ]);
        expect(aclAllows(lines, SECRETARIAT_PRINCIPAL, 'Write', topic)).toBe(false);
      }
      for (const c of MEMBER_COUNTRIES) {
        const others = kafkaAclCommands(c, SERVICES, { namespace });
        expect(others.some((l) => l.includes(SECRETARIAT_PRINCIPAL))).toBe(false);
      }
    });
  });

  it('refuses an invalid namespace and still accepts the bootstrap server as third argument', () => {
    expect(() => kafkaAclCommands('HN', SERVICES, { namespace: 'staging' })).toThrow(/namespace/);
    expect(() => kafkaSecretariatAclCommands({ namespace: 'a b.' })).toThrow(/namespace/);
    expect(kafkaAclCommands('HN', ['plan'], { bootstrap: 'broker:9093' })[0]).toContain(
      '--bootstrap-server broker:9093',
    );
  });
});
