/**
 * Fault: the Kafka broker goes down while the relay is publishing, and comes back.
 *
 * PostgresEventStore holding real plan report histories (streams planReport-<C>-<activity>-<period>:
 * drafts, submissions, returns and resubmissions, approvals, reopenings; tests/support/plan-report-history.ts)
 * → the plan service's own relay (startPlanRelay: stream-state fold, planIntegrationMessages,
 * encodeIntegrationEvent with ajv validation; PostgresCheckpointStore + KafkaBus) → a DEDICATED broker of
 * this file (so it can be stopped without disturbing other suites) → a KafkaBus consumer on the country
 * topics crm.<C>.out.plan that decodes every message with decodeIntegrationEvent and applies it through
 * handleOnce keyed by ce_id. Drafts publish nothing: the histories yield exactly TOTAL integration events.
 * Proves: no event lost, no effect applied twice, per-stream order kept, relay checkpoint at the end,
 * every message a valid contract event.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { outboundTopic, regionalTopic, topicsOf } from '@crm/contracts';
import {
  createTestDatabase,
  describeWithKafka,
  startKafkaBroker,
  type KafkaBrokerHandle,
} from '@crm/testing';
import type { RecordedEvent } from '@crm/event-store';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { MEMBER_COUNTRIES } from '@crm/kernel';
import type { Consumer, Relay } from '@crm/messaging';
import { KafkaBus, type KafkaLogEntry } from '@crm/messaging-kafka';
import { PostgresCheckpointStore } from '@crm/messaging-postgres';
import { startPlanRelay } from '@crm/plan';
import { ensureProjectionTables } from '@crm/projection';
import { appendSteps, generateReportHistories } from '../support/plan-report-history';
import {
  applyOnce,
  createFaultTables,
  decodeFaultMessage,
  effectCounts,
  openDataSource,
  sleep,
  waitFor,
} from './fault-support';

/** Published integration messages (drafts publish nothing and come on top). */
const TOTAL = 10_000;
const WRITERS = 4;
const RELAY = 'fault-plan-relay';
const CONSUMER = 'fault-relay-consumer';
const OUTAGE_MS = 5_000;

describeWithKafka('fault: Kafka broker stopped and restarted while the relay publishes', () => {
  let broker: KafkaBrokerHandle | undefined;
  let brokerDir: string;
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource | undefined;
  let store: PostgresEventStore | undefined;
  let checkpoints: PostgresCheckpointStore | undefined;
  let relayBus: KafkaBus | undefined;
  let consumerBus: KafkaBus | undefined;
  let relay: Relay | undefined;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    // Our own data folder: stop() then keeps the data, and restart() brings the same broker back.
    brokerDir = mkdtempSync(join(tmpdir(), 'crm-fault-kafka-'));
    broker = await startKafkaBroker({ dataDir: brokerDir });
    db = await createTestDatabase('fault_relay');
    ds = await openDataSource(db.url, 'fault-relay-consumer');
    await createFaultTables(ds);
    await ensureProjectionTables(ds);
  }, 180_000);

  afterAll(async () => {
    await consumer?.stop().catch(() => undefined);
    await relay?.stop().catch(() => undefined);
    await Promise.all([relayBus?.close(), consumerBus?.close()].map((p) => p?.catch(() => undefined)));
    await Promise.all(
      [checkpoints?.close(), store?.close(), ds?.destroy()].map((p) => p?.catch(() => undefined)),
    );
    await db?.drop();
    await broker?.stop();
    rmSync(brokerDir, { recursive: true, force: true });
  }, 120_000);

  it(`delivers all ${TOTAL} plan integration events exactly once in effect across a broker stop/restart`, async () => {
    const generated = generateReportHistories({ published: TOTAL, seed: 20200630 });
    expect(generated.published).toBe(TOTAL);
    const storedTotal = generated.steps.length;
    const published = generated.steps.filter((s) => s.published);
    expect(published).toHaveLength(TOTAL);
    // i = the event's place in the generation order (rises along each stream): the per-stream order count
    const orderOf = new Map<string, number>(generated.steps.map((s, i) => [s.event.eventId, i]));
    const publishedIds = new Set(published.map((s) => s.event.eventId));
    // The first part holds the events of the first TOTAL/2 integration messages; the rest is appended during the outage.
    const split = generated.steps.indexOf(published[TOTAL / 2 - 1]) + 1;

    store = await PostgresEventStore.connect({ url: db.url, pollIntervalMs: 200 });
    checkpoints = await PostgresCheckpointStore.connect({ url: db.url });
    const kafkaErrors: KafkaLogEntry[] = [];
    const relayLog: string[] = [];
    relayBus = new KafkaBus({
      brokers: [broker!.brokers],
      clientId: 'fault-relay',
      log: (e) => void kafkaErrors.push(e),
    });
    consumerBus = new KafkaBus({
      brokers: [broker!.brokers],
      clientId: 'fault-consumer',
      log: (e) => void kafkaErrors.push(e),
    });
    // the topics startPlanRelay ensures itself; created first so the consumer can subscribe before the relay starts
    await relayBus.ensureTopics(topicsOf('plan'));
    const topics = [...MEMBER_COUNTRIES.map((c) => outboundTopic(c, 'plan')), regionalTopic('plan')];

    const appendStarted = Date.now();
    await appendSteps(store, generated.steps.slice(0, split), WRITERS);
    const firstAppendMs = Date.now() - appendStarted;
    const firstPart = await store.readAll();
    expect(firstPart).toHaveLength(split);

    let applied = 0;
    let duplicates = 0;
    const invalid: string[] = [];
    const types = new Map<string, number>();
    consumer = await consumerBus.consume({
      groupId: CONSUMER,
      topics,
      handler: async (message) => {
        const decoded = decodeFaultMessage(message);
        const i = orderOf.get(message.headers.ce_id ?? '');
        if (!decoded.ok || i === undefined) {
          invalid.push(
            decoded.ok
              ? `${message.topic}/${message.offset}: ce_id ${message.headers.ce_id} is no published event`
              : decoded.reason,
          );
          return;
        }
        if (await applyOnce(ds!, CONSUMER, message, 'consumer', i)) {
          applied++;
          types.set(decoded.event.type, (types.get(decoded.event.type) ?? 0) + 1);
        } else duplicates++;
      },
    });
    // The plan service's relay, exactly as the service starts it (its own back-off: 100 ms doubling to 30 s).
    relay = await startPlanRelay({
      store,
      bus: relayBus,
      checkpoints,
      name: RELAY,
      log: (line) => void relayLog.push(line),
    });

    // The relay is publishing: stop the broker once a fifth of the messages went through.
    const publishedFirst = firstPart.filter((e) => publishedIds.has(e.metadata.eventId));
    const early = publishedFirst[TOTAL / 5 - 1].position;
    await waitFor(
      'the relay to publish the first 2,000 integration events',
      async () => ((await checkpoints!.load(RELAY)) ?? 0n) >= early,
    );
    const checkpointAtStop = (await checkpoints.load(RELAY))!;
    await broker!.stop();
    const stoppedAt = Date.now();

    // While the broker is down, the rest of the events are appended: the relay has to get them through the outage.
    await appendSteps(store, generated.steps.slice(split), WRITERS);
    const secondAppendMs = Date.now() - stoppedAt;
    const all = await store.readAll();
    expect(all).toHaveLength(storedTotal);
    const last = all[storedTotal - 1].position;
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt)));
    const checkpointWhileDown = (await checkpoints.load(RELAY))!;
    const outageMs = Date.now() - stoppedAt;
    const restartStarted = Date.now();
    await broker!.restart();
    const restartMs = Date.now() - restartStarted;
    const backAt = Date.now();

    await waitFor(
      'the relay checkpoint to reach the last event',
      async () => (await checkpoints!.load(RELAY)) === last,
      180_000,
      async () => `checkpoint ${await checkpoints!.load(RELAY)} of ${last}`,
    );
    const caughtUpMs = Date.now() - backAt;
    // Effects applied so far, every 5 s after the restart (reported: shows when the consumer resumed).
    const timeline: string[] = [];
    let lastSample = 0;
    await waitFor(
      `${TOTAL} distinct effects`,
      async () => {
        if (invalid.length > 0)
          throw new Error(
            `the consumer received ${invalid.length} invalid messages: ${invalid.slice(0, 3).join(' | ')}`,
          );
        const { distinct } = await effectCounts(ds!);
        if (Date.now() - lastSample >= 5_000) {
          lastSample = Date.now();
          timeline.push(`${Math.round((lastSample - backAt) / 1000)}s:${distinct}`);
        }
        return distinct >= TOTAL;
      },
      180_000,
      async () => JSON.stringify(await effectCounts(ds!)),
    );
    const allAppliedMs = Date.now() - backAt;
    await relay.stop();
    // Let in-flight redeliveries (if any) land before counting.
    await sleep(2_000);
    await consumer.stop();

    const counts = await effectCounts(ds!);
    const publishFailures = relayLog.filter((l) => l.includes('publish failed')).length;
    const publishedBeforeStop = publishedFirst.filter((e) => e.position <= checkpointAtStop).length;
    console.log(
      `[fault] relay/broker restart (plan relay, real contracts): ${storedTotal} domain events in ${generated.histories.length} report streams ` +
        `(${storedTotal - TOTAL} drafts) → ${TOTAL} integration events (${[...types].map(([t, n]) => `${t} ${n}`).join(', ')}); invalid messages ${invalid.length}; ` +
        `appends ${firstAppendMs} ms + ${secondAppendMs} ms; ` +
        `checkpoint at stop ${checkpointAtStop} of ${last} (integration events ${publishedBeforeStop}/${TOTAL}, domain events ${firstPart.findIndex((e) => e.position === checkpointAtStop) + 1}/${storedTotal}), ` +
        `while down ${checkpointWhileDown}; broker down ${outageMs} ms + ${restartMs} ms restart; ` +
        `after restart: relay at last event in ${caughtUpMs} ms, all effects in ${allAppliedMs} ms; effects ${counts.effects} (distinct ${counts.distinct}); ` +
        `deliveries ${counts.deliveries}, duplicate deliveries ${counts.surplusDeliveries} on ${counts.redeliveredIds} ids (skipped by handleOnce: ${duplicates}); ` +
        `relay publish failures logged ${publishFailures}; kafkajs error lines ${kafkaErrors.length}; ` +
        `effects after the restart ${timeline.join(' ')}; kafkajs errors: ${[...new Set(kafkaErrors.map((e) => `${e.namespace}: ${e.message} ${String(e.extra.error ?? '')}`.slice(0, 160)))].slice(0, 8).join(' | ')}`,
    );

    // Every message was a valid integration event of a registered contract.
    expect(invalid).toEqual([]);
    // The outage happened mid-publication: the store held events the relay had not published yet.
    expect(checkpointWhileDown < last).toBe(true);
    // Relay checkpoint at the very end.
    expect(await checkpoints.load(RELAY)).toBe(last);
    expect(relay.checkpoint).toBe(last);
    // Zero lost, zero duplicated effects; every publishing event of the store was applied, no draft was.
    expect(counts.effects).toBe(TOTAL);
    expect(counts.distinct).toBe(TOTAL);
    const appliedIds = new Set<string>(
      (await ds!.query('SELECT event_id FROM fault.effects')).map((r: { event_id: string }) => r.event_id),
    );
    const storedPublishing = all.filter((e: RecordedEvent) => e.type !== 'ReportDrafted');
    expect(storedPublishing).toHaveLength(TOTAL);
    expect(storedPublishing.filter((e) => !appliedIds.has(e.metadata.eventId))).toEqual([]);
    expect([...appliedIds].filter((id) => !publishedIds.has(id))).toEqual([]);
    expect(applied).toBe(TOTAL);
    // Duplicates may be delivered (at least once) but never produce an effect.
    expect(duplicates).toBe(counts.surplusDeliveries);
    expect(counts.deliveries).toBe(TOTAL + counts.surplusDeliveries);
    expect(counts.outOfOrderStreams).toBe(0);
  }, 900_000);
});
