/**
 * Confinement (brief: "Topic layout lets a Kafka ACL confine each national system to its own country's
 * data"): every integration message the plan relay produces, for every member country, lands only on
 * topics that the generated ACL lets that country's national system (and the Secretariat) read; the
 * regional topic carries only network-wide events, which concern no single country.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Role, type Principal } from '@crm/auth';
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
import type { RecordedEvent } from '@crm/event-store';
import { MEMBER_COUNTRIES, SECRETARIAT, type CountryCode } from '@crm/kernel';
import type { RelayMessage } from '@crm/messaging';
import { PLAN_2017_2022_FILE, loadCatalogueFile } from '../../catalogue/load';
import {
  planIntegrationMessages,
  planStreamFold,
  PLAN_RELAY_STREAM_PREFIXES,
  type PlanStreamState,
} from './plan-event-mapping';
import { COORDINATOR, planWorld } from '../testing/plan-world';
import { AmendCatalogueCommand } from '../catalogue/commands/amend-catalogue/amend-catalogue.command';
import { ApproveReportCommand } from '../reports/commands/approve-report/approve-report.command';
import { ReopenReportCommand } from '../reports/commands/reopen-report/reopen-report.command';
import { ReturnReportCommand } from '../reports/commands/return-report/return-report.command';
import { SaveDraftCommand } from '../reports/commands/save-draft/save-draft.command';
import { SubmitReportCommand } from '../reports/commands/submit-report/submit-report.command';

const officer = (country: CountryCode): Principal => ({
  subject: `${country.toLowerCase()}-reporting-officer-01`,
  country,
  institution: `${country}/MRE`,
  roles: [Role.ReportingOfficer],
});

/** Every report transition for every member country, and every kind of catalogue amendment. */
async function representativeEvents(): Promise<RecordedEvent[]> {
  const { store, commandBus } = await planWorld();
  const activities = loadCatalogueFile(PLAN_2017_2022_FILE).catalogue.activities.map((a) => a.id);
  const other = activities.filter((id) => id !== 'IV.1.1.1');
  for (const country of MEMBER_COUNTRIES) {
    const report = { country, activityId: 'IV.1.1.1', period: '2020-S1' };
    const content = { status: 'in_progress' as const, narrative: { es: `Avance de ${country}` } };
    await commandBus.execute(new SaveDraftCommand(officer(country), { ...report, content }));
    await commandBus.execute(new SubmitReportCommand(officer(country), report));
    await commandBus.execute(
      new ReturnReportCommand(COORDINATOR, { ...report, comments: { es: `Comentario para ${country}.` } }),
    );
    await commandBus.execute(
      new SaveDraftCommand(officer(country), { ...report, content: { ...content, status: 'completed' } }),
    );
    await commandBus.execute(new SubmitReportCommand(officer(country), report));
    await commandBus.execute(
      new ApproveReportCommand(COORDINATOR, { ...report, comments: { en: 'Approved.' } }),
    );
    await commandBus.execute(
      new ReopenReportCommand(COORDINATOR, { ...report, reason: { es: 'Cifras corregidas.' } }),
    );
  }
  const reason = { es: 'Acuerdo de la Red.' };
  await commandBus.execute(
    new AmendCatalogueCommand(COORDINATOR, {
      type: 'changeSchedule',
      activityId: 'IV.1.1.1',
      year: 2019,
      value: 'Continuo',
      reason,
    }),
  );
  await commandBus.execute(
    new AmendCatalogueCommand(COORDINATOR, {
      type: 'reword',
      activityId: other[0]!,
      text: { es: 'Texto nuevo', en: 'New text' },
      reason,
    }),
  );
  await commandBus.execute(
    new AmendCatalogueCommand(COORDINATOR, { type: 'retire', activityId: other[1]!, reason }),
  );
  return store.readAll();
}

/** The relay's mapping over the whole history, each event with its stream's state before it. */
function relayMessages(events: readonly RecordedEvent[]): RelayMessage[] {
  const states = new Map<string, PlanStreamState>();
  const out: RelayMessage[] = [];
  for (const event of events) {
    if (!PLAN_RELAY_STREAM_PREFIXES.some((p) => event.streamName.startsWith(p))) continue;
    const before = states.get(event.streamName) ?? planStreamFold.initial(event.streamName);
    out.push(...planIntegrationMessages(event, before));
    states.set(event.streamName, planStreamFold.evolve(before, event));
  }
  return out;
}

describe.each(['', 'staging.'])(
  'plan integration events are confined to their country (namespace %p)',
  (namespace) => {
    let messages: Array<{
      topic: string;
      country: CountryCode | typeof SECRETARIAT;
      type: string;
      data: Record<string, unknown>;
    }>;
    const national = new Map(MEMBER_COUNTRIES.map((c) => [c, kafkaAclCommands(c, SERVICES, { namespace })]));
    const secretariat = kafkaSecretariatAclCommands({ namespace });
    const readers = (topic: string) =>
      MEMBER_COUNTRIES.filter((c) => aclAllows(national.get(c)!, nationalPrincipal(c), 'Read', topic));

    beforeAll(async () => {
      messages = relayMessages(await representativeEvents()).map((m) => {
        const decoded = decodeIntegrationEvent({ headers: m.headers ?? {}, value: m.value });
        if (!decoded.ok) throw new Error(`${m.topic}: ${decoded.code} ${decoded.message.en}`);
        // the topic as the namespaced bus publishes it
        return {
          topic: `${namespace}${m.topic}`,
          country: decoded.event.country,
          type: decoded.event.type,
          data: decoded.event.data as Record<string, unknown>,
        };
      });
    });

    it('produces a representative set: every report transition for every country, every catalogue change', () => {
      const types = new Set(messages.map((m) => m.type));
      expect([...types].sort()).toEqual([
        'plan.catalogue.amended',
        'plan.report.approved',
        'plan.report.reopened',
        'plan.report.returned',
        'plan.report.submitted',
      ]);
      for (const c of MEMBER_COUNTRIES) expect(messages.filter((m) => m.country === c)).toHaveLength(5);
      expect(messages.filter((m) => m.type === 'plan.catalogue.amended')).toHaveLength(4); // import + 3 amendments
    });

    it.each([...MEMBER_COUNTRIES])(
      'every event concerning %s is readable by its national system and the Secretariat only',
      (country) => {
        const concerning = messages.filter((m) => m.country === country);
        for (const m of concerning) {
          expect(m.data.country).toBe(country);
          expect({ type: m.type, topic: m.topic, readers: readers(m.topic) }).toEqual({
            type: m.type,
            topic: m.topic,
            readers: [country],
          });
          expect(aclAllows(secretariat, SECRETARIAT_PRINCIPAL, 'Read', m.topic)).toBe(true);
          expect(parseTopic(m.topic.slice(namespace.length))).toMatchObject({ country, direction: 'out' });
        }
        // and nothing another country's national system may read carries this country's data
        const others = MEMBER_COUNTRIES.filter((c) => c !== country);
        for (const m of messages.filter((x) => readers(x.topic).some((r) => others.includes(r)))) {
          expect(m.country).not.toBe(country);
          expect(JSON.stringify(m.data)).not.toContain(`"country":"${country}"`);
          expect(JSON.stringify(m.data)).not.toContain(`planReport-${country}-`);
        }
      },
    );

    it('the regional topic carries only network-wide events (crmcountry ST, no country field); everyone may read them', () => {
      const regional = messages.filter(
        (m) => parseTopic(m.topic.slice(namespace.length))?.direction === 'regional',
      );
      expect(regional.map((m) => m.type)).toEqual([
        'plan.catalogue.amended',
        'plan.catalogue.amended',
        'plan.catalogue.amended',
        'plan.catalogue.amended',
      ]);
      for (const m of regional) {
        expect(m.country).toBe(SECRETARIAT);
        expect(m.data).not.toHaveProperty('country');
        expect(readers(m.topic)).toEqual([...MEMBER_COUNTRIES]);
        expect(aclAllows(secretariat, SECRETARIAT_PRINCIPAL, 'Read', m.topic)).toBe(true);
      }
      // network-wide events go only there (not copied to the country topics)
      expect(messages.filter((m) => m.country === SECRETARIAT)).toEqual(regional);
    });
  },
);

it('the AsyncAPI document of the plan service lists each published message on the channel the relay uses', async () => {
  const doc = parse(
    readFileSync(
      join(__dirname, '..', '..', '..', '..', 'contracts', 'asyncapi', 'plan.asyncapi.yaml'),
      'utf8',
    ),
  ) as {
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    components: { messages: Record<string, { name: string }> };
  };
  const channelOf = (topic: string) =>
    parseTopic(topic)!.direction === 'regional' ? 'regional' : 'countryOutbound';
  const declared = (channel: string) =>
    Object.keys(doc.channels[channel]!.messages).map((id) => doc.components.messages[id]!.name);
  const published = relayMessages(await representativeEvents()).map((m) => {
    const decoded = decodeIntegrationEvent({ headers: m.headers ?? {}, value: m.value });
    if (!decoded.ok) throw new Error(decoded.code);
    return { channel: channelOf(m.topic), message: `${decoded.event.type}.v${decoded.event.version}` };
  });
  for (const { channel, message } of published)
    expect({ channel, declared: declared(channel) }).toEqual({
      channel,
      declared: expect.arrayContaining([message]),
    });
  expect(doc.channels.regional!.address).toBe('crm.regional.plan');
  expect(declared('regional')).toEqual(['plan.catalogue.amended.v1']);
  expect(declared('countryOutbound')).not.toContain('plan.catalogue.amended.v1');
});
