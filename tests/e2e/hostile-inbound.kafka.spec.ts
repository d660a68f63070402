/**
 * Must-show (issue 3): 1,000 generated hostile messages from "national systems" (schema violations, oversized,
 * wrong country, duplicate ids, unknown type or version, invalid JSON, bad CloudEvents headers) go through the
 * real broker into the plan service's inbound gateway: every one ends in the dead-letter topic with its reason,
 * the consumer stays up (a valid message sent after them is processed), and nothing changes in the store.
 */
import { HOSTILE_CATEGORIES, hostileMessages, validSubmission } from '@crm/contracts/testing';
import { inboundTopic, type ReportSubmissionOutcomeV1 } from '@crm/contracts';
import { PostgresProcessedStore } from '@crm/gateway';
import { MEMBER_COUNTRIES, type CountryCode } from '@crm/kernel';
import { describeWithKafka } from '@crm/testing';
import { NationalSystem, startPlanOnKafka, waitFor, type PlanOnKafka } from './support/plan-on-kafka';

const COUNT = 1000;
const GATEWAY = 'crm.plan.inbound-gateway';

describeWithKafka('hostile inbound messages through the real Kafka broker', () => {
  const set = hostileMessages(COUNT);
  let plan: PlanOnKafka;
  let systems: NationalSystem;

  beforeAll(async () => {
    plan = await startPlanOnKafka({ maxBytes: set.maxBytes });
    systems = new NationalSystem();
    await systems.start([
      ...MEMBER_COUNTRIES.map((c) => plan.topic(`${inboundTopic(c, 'plan')}.dlq`)),
      plan.topic('crm.HN.out.plan'),
    ]);
  }, 400_000);

  afterAll(async () => {
    await systems?.stop();
    await plan?.stop();
  }, 120_000);

  it('dead-letters all 1,000 with their reason, keeps consuming, and changes nothing', async () => {
    const store = plan.service.platform.store;
    const seen = await PostgresProcessedStore.open(await plan.service.platform.dataSource('plan'), 'plan');
    // The duplicate_id messages replay ids accepted "earlier": recorded as processed from other records.
    for (const m of set.messages) {
      const id = m.headers.ce_id;
      if (id && set.seenIds.has(id)) {
        await seen.markProcessed({
          consumer: GATEWAY,
          country: m.topic.split('.')[1] as CountryCode,
          eventId: id,
          topic: m.topic,
          partition: -1,
          offset: '-1',
          outcomeType: 'earlier',
        });
      }
    }
    const processedBefore = await seen.count(GATEWAY);
    const eventsBefore = await store.readAll();
    expect(eventsBefore.some((e) => e.streamName.startsWith('planReport-'))).toBe(false);

    const byTopic = new Map<string, Array<{ key: string; headers: Record<string, string>; value: Buffer }>>();
    set.messages.forEach((m, i) => {
      const list = byTopic.get(m.topic) ?? [];
      list.push({ key: `hostile-${i}`, headers: m.headers, value: m.value });
      byTopic.set(m.topic, list);
    });
    for (const [topic, messages] of byTopic) await systems.send(plan.topic(topic), messages);
    const valid = validSubmission('HN', 1_000_001);
    await systems.send(plan.topic(valid.topic), [
      { key: 'valid-after', headers: valid.headers, value: valid.value },
    ]);

    const isDlq = (t: string) => t.endsWith('.in.plan.dlq');
    await waitFor(
      `${COUNT} dead letters (have ${systems.deadLetters(isDlq).length})`,
      () => systems.deadLetters(isDlq).length >= COUNT,
      240_000,
    );
    const outcome = await waitFor('the outcome of the valid message sent after them', () =>
      systems
        .events(plan.topic('crm.HN.out.plan'))
        .find(
          (e) =>
            e.type === 'plan.report.submission-outcome' &&
            (e.data as ReportSubmissionOutcomeV1).requestId === valid.id,
        ),
    );
    expect((outcome.data as ReportSubmissionOutcomeV1).outcome).toBe('accepted');

    const letters = systems.deadLetters(isDlq);
    expect(letters).toHaveLength(COUNT);
    const generated = new Map<string, number>();
    const found = new Map<string, number>();
    for (const m of set.messages) generated.set(m.expected, (generated.get(m.expected) ?? 0) + 1);
    for (const l of letters) found.set(l.code, (found.get(l.code) ?? 0) + 1);
    expect([...found.keys()].sort()).toEqual([...HOSTILE_CATEGORIES].sort());
    for (const code of HOSTILE_CATEGORIES)
      expect({ code, count: found.get(code) }).toEqual({ code, count: generated.get(code) });

    // each letter: the reason of ITS message, both languages, and the original bytes untouched
    for (const l of letters) {
      const index = Number(l.original.key!.slice('hostile-'.length));
      const sent = set.messages[index]!;
      expect({ key: l.original.key, code: l.code }).toEqual({ key: l.original.key, code: sent.expected });
      expect(l.original.topic).toBe(plan.topic(sent.topic));
      expect(Buffer.from(l.original.valueBase64, 'base64').equals(sent.value)).toBe(true);
      expect(l.message.es.length).toBeGreaterThan(10);
      expect(l.message.en.length).toBeGreaterThan(10);
    }

    // nothing changed: only the valid message's two events, only its id newly processed
    const after = await store.readAll();
    const added = after.slice(eventsBefore.length);
    expect(added.map((e) => `${e.streamName}:${e.type}`)).toEqual([
      'planReport-HN-IV.1.1.1-2020-S1:ReportDrafted',
      'planReport-HN-IV.1.1.1-2020-S1:ReportSubmitted',
    ]);
    expect(await seen.count(GATEWAY)).toBe(processedBefore + 1);
  }, 420_000);
});
