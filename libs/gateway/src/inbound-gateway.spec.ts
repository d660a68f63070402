import {
  decodeIntegrationEvent,
  inboundTopic,
  outboundTopic,
  REJECTION_CODES,
  type IntegrationEvent,
} from '@crm/contracts';
import { HOSTILE_CATEGORIES, hostileMessages, validSubmission } from '@crm/contracts/testing';
import { fixedClock, MEMBER_COUNTRIES } from '@crm/kernel';
import { MemoryBus, type Bus, type ConsumeOptions, type IncomingMessage } from '@crm/messaging';
import { eventually } from '@crm/messaging/testing';
import { parseDeadLetter } from './dead-letters';
import {
  outcomeIdOf,
  startInboundGateway,
  type GatewayOutcome,
  type InboundGateway,
} from './inbound-gateway';
import { MemoryProcessedStore } from './processed-store';

const clock = fixedClock('2020-07-10T15:04:06.000Z');

function accepted(event: IntegrationEvent): GatewayOutcome {
  const data = event.data as {
    country: string;
    activityId: string;
    period: string;
    externalReference: string;
  };
  return {
    type: 'plan.report.submission-outcome',
    version: 1,
    key: `planReport-${data.country}-${data.activityId}-${data.period}`,
    data: {
      outcome: 'accepted',
      country: data.country,
      decidedAt: clock().toISOString(),
      requestId: event.id,
      externalReference: data.externalReference,
      activityId: data.activityId,
      period: data.period,
      reportId: `planReport-${data.country}-${data.activityId}-${data.period}`,
    },
  };
}

/** Reads a topic of the memory bus with a throwaway consumer group. */
async function drain(bus: Bus, topics: string[], expected: number): Promise<IncomingMessage[]> {
  const got: IncomingMessage[] = [];
  const consumer = await bus.consume({
    groupId: `reader-${Math.random()}`,
    topics,
    handler: async (m) => void got.push(m),
  });
  await eventually(
    () => got.length >= expected,
    10_000,
    () => `${got.length}/${expected} messages on ${topics.join(',')}`,
  );
  await consumer.stop();
  return got;
}

describe('inbound gateway (memory bus)', () => {
  let bus: MemoryBus;
  let gateway: InboundGateway | undefined;
  const seen = () => new MemoryProcessedStore();
  const quiet = { warn: () => undefined };

  beforeEach(() => {
    bus = new MemoryBus({ backoff: { initialMs: 1, maxMs: 5 } });
  });
  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
    await bus.close();
  });

  it('runs the command of a valid message once and publishes its outcome with an id derived from the request', async () => {
    const commands: IntegrationEvent[] = [];
    const store = seen();
    gateway = await startInboundGateway({
      bus,
      service: 'plan',
      logger: quiet,
      seen: store,
      clock,
      toCommand: async (e) => (commands.push(e), accepted(e)),
    });
    const valid = validSubmission('HN', 1);
    await bus.publish([{ topic: valid.topic, key: 'k', value: valid.value, headers: valid.headers }]);

    const [outcome] = await drain(bus, [outboundTopic('HN', 'plan')], 1);
    const decoded = decodeIntegrationEvent(outcome!);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.event.type).toBe('plan.report.submission-outcome');
    expect(decoded.event.id).toBe(outcomeIdOf('HN', valid.id));
    expect(decoded.event.country).toBe('HN');
    expect(decoded.event.data).toMatchObject({
      outcome: 'accepted',
      requestId: valid.id,
      externalReference: valid.data.externalReference,
    });
    expect(outcome!.key).toBe('planReport-HN-IV.1.1.1-2020-S1');
    expect(commands.map((c) => c.id)).toEqual([valid.id]);
    expect(await store.find('crm.plan.inbound-gateway', 'HN', valid.id)).toMatchObject({
      topic: valid.topic,
      outcomeType: 'plan.report.submission-outcome',
    });
  });

  it('dead-letters every hostile category with its code, applies none of them and keeps consuming', async () => {
    const set = hostileMessages(2 * HOSTILE_CATEGORIES.length, 7, 4096);
    const store = seen();
    for (const m of set.messages) {
      const id = m.headers.ce_id;
      if (id && set.seenIds.has(id)) {
        const country = m.topic.split('.')[1] as (typeof MEMBER_COUNTRIES)[number];
        await store.markProcessed({
          consumer: 'crm.plan.inbound-gateway',
          country,
          eventId: id,
          topic: m.topic,
          partition: 99,
          offset: '0',
          outcomeType: 'x',
        });
      }
    }
    const commands: IntegrationEvent[] = [];
    const warnings: Array<Record<string, unknown>> = [];
    const told: string[] = [];
    gateway = await startInboundGateway({
      bus,
      service: 'plan',
      seen: store,
      maxBytes: set.maxBytes,
      logger: { warn: (fields, msg) => void warnings.push({ ...fields, msg }) },
      onDeadLetter: (e) => void told.push(e.code),
      clock,
      toCommand: async (e) => (commands.push(e), accepted(e)),
    });
    await bus.publish(
      set.messages.map((m, i) => ({ topic: m.topic, key: `k${i}`, value: m.value, headers: m.headers })),
    );
    const valid = validSubmission('GT', 5000);
    await bus.publish([{ topic: valid.topic, key: 'after', value: valid.value, headers: valid.headers }]);

    const dlqs = MEMBER_COUNTRIES.map((c) => `${inboundTopic(c, 'plan')}.dlq`);
    const letters = (await drain(bus, dlqs, set.messages.length)).map((m) => parseDeadLetter(m.value)!);
    const byCode = new Map<string, number>();
    for (const l of letters) byCode.set(l.code, (byCode.get(l.code) ?? 0) + 1);
    for (const code of HOSTILE_CATEGORIES) expect([code, byCode.get(code)]).toEqual([code, 2]);
    for (const l of letters) {
      expect(REJECTION_CODES).toContain(l.code);
      expect(l.message.es.length).toBeGreaterThan(0);
      expect(l.message.en.length).toBeGreaterThan(0);
      expect(l.reason.startsWith(`${l.code}: `)).toBe(true);
    }
    await drain(bus, [outboundTopic('GT', 'plan')], 1);
    expect(commands.map((c) => c.id)).toEqual([valid.id]);
    // one structured warning and one dead-letter notification per refused record, never its payload
    expect(warnings).toHaveLength(set.messages.length);
    expect(told.sort()).toEqual(letters.map((l) => l.code).sort());
    for (const w of warnings)
      expect(Object.keys(w).sort()).toEqual(['code', 'msg', 'offset', 'partition', 'service', 'topic']);
  });

  it('dead-letters the same id sent again in a new record as duplicate_id, without running the command again', async () => {
    const commands: IntegrationEvent[] = [];
    gateway = await startInboundGateway({
      bus,
      service: 'plan',
      logger: quiet,
      seen: seen(),
      clock,
      toCommand: async (e) => (commands.push(e), accepted(e)),
    });
    const valid = validSubmission('HN', 2);
    await bus.publish([{ topic: valid.topic, key: 'same', value: valid.value, headers: valid.headers }]);
    await drain(bus, [outboundTopic('HN', 'plan')], 1);
    await bus.publish([{ topic: valid.topic, key: 'same', value: valid.value, headers: valid.headers }]);
    const [letter] = await drain(bus, [`${valid.topic}.dlq`], 1);
    expect(parseDeadLetter(letter!.value)).toMatchObject({
      code: 'duplicate_id',
      original: { topic: valid.topic },
    });
    expect(commands).toHaveLength(1);
  });

  it('skips a redelivery of the very record it already processed (commit lost), without a dead letter', async () => {
    let options: ConsumeOptions | undefined;
    const published: string[] = [];
    const capture: Bus = {
      ensureTopics: async () => undefined,
      publish: async (messages) => void published.push(...messages.map((m) => m.topic)),
      consume: async (o) => ((options = o), { stop: async () => undefined }),
      ping: async () => undefined,
      close: async () => undefined,
    };
    const commands: IntegrationEvent[] = [];
    gateway = await startInboundGateway({
      bus: capture,
      service: 'plan',
      logger: quiet,
      seen: seen(),
      clock,
      toCommand: async (e) => (commands.push(e), accepted(e)),
    });
    const valid = validSubmission('HN', 3);
    const record: IncomingMessage = {
      topic: valid.topic,
      key: 'k',
      value: valid.value,
      headers: valid.headers,
      partition: 1,
      offset: '41',
    };
    await options!.handler(record);
    await options!.handler({ ...record });
    expect(commands).toHaveLength(1);
    expect(published).toEqual([outboundTopic('HN', 'plan')]);
    await expect(options!.handler({ ...record, offset: '42' })).rejects.toMatchObject({
      code: 'duplicate_id',
    });
  });

  it('retries an unexpected command failure and records nothing until the outcome is published', async () => {
    let calls = 0;
    const store = seen();
    gateway = await startInboundGateway({
      bus,
      service: 'plan',
      logger: quiet,
      seen: store,
      clock,
      maxAttempts: 3,
      toCommand: async (e) => {
        calls++;
        if (calls < 3) throw new Error('database unavailable');
        return accepted(e);
      },
    });
    const valid = validSubmission('SV', 4);
    await bus.publish([{ topic: valid.topic, key: 'k', value: valid.value, headers: valid.headers }]);
    await drain(bus, [outboundTopic('SV', 'plan')], 1);
    expect(calls).toBe(3);
    expect(store.size).toBe(1);
  });

  it('dead-letters as handler_failed when the command keeps failing, and nothing is marked processed', async () => {
    const store = seen();
    gateway = await startInboundGateway({
      bus,
      service: 'plan',
      logger: quiet,
      seen: store,
      clock,
      maxAttempts: 2,
      toCommand: async () => Promise.reject(new Error('boom')),
    });
    const valid = validSubmission('PA', 5);
    await bus.publish([{ topic: valid.topic, key: 'k', value: valid.value, headers: valid.headers }]);
    const [letter] = await drain(bus, [`${valid.topic}.dlq`], 1);
    expect(parseDeadLetter(letter!.value)).toMatchObject({ code: 'handler_failed', attempts: 2 });
    expect(store.size).toBe(0);
  });
});
