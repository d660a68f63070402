/**
 * Confinement ("a national system receives the referrals addressed to its country"; topic layout lets a Kafka
 * ACL confine each national system to its own country's data): every integration message the referral relay
 * produces, for referrals sent from every member country, lands only on the `out` topics of the countries
 * the referral concerns (its sender, its receivers, a proposed transferee), each readable under the generated
 * ACL by that country's national system and the Secretariat only; no other country can read any of it, and
 * nothing is published on the regional topic.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  decodeIntegrationEvent,
  kafkaAclCommands,
  kafkaSecretariatAclCommands,
  nationalPrincipal,
  parseTopic,
  SECRETARIAT_PRINCIPAL,
  SERVICES,
} from '@crm/contracts';
import { aclAllows } from '@crm/contracts/testing';
import type { EventStore, RecordedEvent } from '@crm/event-store';
import { MEMBER_COUNTRIES, type CountryCode } from '@crm/kernel';
import type { RelayMessage } from '@crm/messaging';
import { caseIndicatorsBefore } from './case-indicators';
import {
  REFERRAL_RELAY_STREAM_PREFIXES,
  referralIntegrationMessages,
  referralStreamFold,
  type ReferralStreamState,
} from './referral-event-mapping';
import { representativeHistory, ReferralWorld } from './testing/referral-histories';

/** Each member country sends to the next one in the list; the one after that is the transferee. */
function partiesOf(i: number) {
  const at = (k: number) => MEMBER_COUNTRIES[(i + k) % MEMBER_COUNTRIES.length] as CountryCode;
  return { sender: at(0), receiver: at(1), transferee: at(2) };
}

/** The relay's mapping over the whole store, each event with its stream's state before it. */
async function relayMessages(store: EventStore): Promise<Array<RelayMessage & { source: RecordedEvent }>> {
  const states = new Map<string, ReferralStreamState>();
  const out: Array<RelayMessage & { source: RecordedEvent }> = [];
  for (const event of await store.readAll()) {
    if (!REFERRAL_RELAY_STREAM_PREFIXES.some((p) => event.streamName.startsWith(p))) continue;
    const before = states.get(event.streamName) ?? referralStreamFold.initial(event.streamName);
    const caseId = before.kind === 'referral' ? before.state.caseId : null;
    const caseIndicators =
      event.type === 'ReferralSent' && caseId
        ? await caseIndicatorsBefore(store, caseId, event.position)
        : null;
    out.push(
      ...referralIntegrationMessages(event, { before, caseIndicators }).map((m) => ({ ...m, source: event })),
    );
    states.set(event.streamName, referralStreamFold.evolve(before, event));
  }
  return out;
}

interface Published {
  /** The topic as the relay publishes it (no namespace). */
  topic: string;
  country: string;
  type: string;
  version: number;
  data: Record<string, unknown>;
  /** The countries the domain event concerns (the referral's parties when it was recorded). */
  concerned: string[];
}

let published: Published[] = [];

beforeAll(async () => {
  const world = new ReferralWorld();
  for (let i = 0; i < MEMBER_COUNTRIES.length; i++) await representativeHistory(world, partiesOf(i));
  published = (await relayMessages(world.store)).map((m) => {
    const decoded = decodeIntegrationEvent({ headers: m.headers ?? {}, value: m.value });
    if (!decoded.ok) throw new Error(`${m.topic}: ${decoded.code} ${decoded.message.en}`);
    return {
      topic: m.topic,
      country: decoded.event.country,
      type: decoded.event.type,
      version: decoded.event.version,
      data: decoded.event.data as Record<string, unknown>,
      concerned: m.source.metadata.countries,
    };
  });
});

describe.each(['', 'staging.'])(
  'referral integration events are confined to their countries (namespace %p)',
  (namespace) => {
    const national = new Map(MEMBER_COUNTRIES.map((c) => [c, kafkaAclCommands(c, SERVICES, { namespace })]));
    const secretariat = kafkaSecretariatAclCommands({ namespace });
    /** The national systems the ACL lets read the topic as the namespaced bus publishes it. */
    const readers = (m: Published) =>
      MEMBER_COUNTRIES.filter((c) =>
        aclAllows(national.get(c)!, nationalPrincipal(c), 'Read', `${namespace}${m.topic}`),
      );

    it('produces a representative set: every outbound event contract, for referrals of every member country', () => {
      expect([...new Set(published.map((m) => m.type))].sort()).toEqual([
        'referrals.referral.consent-withdrawal-acknowledged',
        'referrals.referral.consent-withdrawal-notified',
        'referrals.referral.escalated',
        'referrals.referral.follow-up-reported',
        'referrals.referral.reminder-sent',
        'referrals.referral.sent',
        'referrals.referral.status-changed',
        'referrals.referral.transfer-decided',
        'referrals.referral.transfer-requested',
      ]);
      // each country sends 4 referrals and receives 4: a copy of each `sent` on its own topic
      for (const c of MEMBER_COUNTRIES)
        expect(published.filter((m) => m.type === 'referrals.referral.sent' && m.country === c)).toHaveLength(
          8,
        );
    });

    it.each([...MEMBER_COUNTRIES])(
      'every copy addressed to %s is readable by its national system and the Secretariat only; it reads nothing it is no party to',
      (country) => {
        const mine = published.filter((m) => m.country === country);
        expect(mine.length).toBeGreaterThan(0);
        for (const m of mine) {
          expect(m.data.country).toBe(country);
          expect(m.concerned).toContain(country);
          expect({ type: m.type, topic: m.topic, readers: readers(m) }).toEqual({
            type: m.type,
            topic: m.topic,
            readers: [country],
          });
          expect(aclAllows(secretariat, SECRETARIAT_PRINCIPAL, 'Read', `${namespace}${m.topic}`)).toBe(true);
          expect(parseTopic(m.topic)).toMatchObject({ country, direction: 'out', service: 'referrals' });
        }
        // the events of referrals this country is no party to: there are some, and it can read none of them
        const strangers = published.filter((m) => !m.concerned.includes(country));
        expect(strangers.length).toBeGreaterThan(0);
        for (const m of strangers) expect(readers(m)).not.toContain(country);
      },
    );

    it('nothing is published on the regional topic', () => {
      expect(published.filter((m) => parseTopic(m.topic)?.direction !== 'out')).toEqual([]);
    });
  },
);

it('the AsyncAPI document of the referral service lists each published message on the channel the relay uses', () => {
  const doc = parse(
    readFileSync(
      join(__dirname, '..', '..', '..', '..', 'contracts', 'asyncapi', 'referrals.asyncapi.yaml'),
      'utf8',
    ),
  ) as {
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    components: { messages: Record<string, { name: string }> };
  };
  const declared = Object.keys(doc.channels.countryOutbound!.messages).map(
    (id) => doc.components.messages[id]!.name,
  );
  expect(doc.channels.countryOutbound!.address).toBe('crm.{country}.out.referrals');
  const typesPublished = [...new Set(published.map((m) => `${m.type}.v${m.version}`))];
  expect(typesPublished.length).toBeGreaterThan(5);
  expect(declared).toEqual(expect.arrayContaining(typesPublished));
});
