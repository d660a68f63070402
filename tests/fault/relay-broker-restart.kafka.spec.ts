/**
 * Fault: the Kafka broker goes down while the relay is publishing, and comes back.
 *
 * PostgresEventStore (10,000 events in 20 streams) → relay (startRelay + PostgresCheckpointStore +
 * KafkaBus) → a DEDICATED broker of this file (so it can be stopped without disturbing other suites) →
 * a KafkaBus consumer applying each message through handleOnce keyed by ce_id.
 * Proves: no event lost, no effect applied twice, per-stream order kept, relay checkpoint at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestDatabase, describeWithKafka, startKafkaBroker, type KafkaBrokerHandle } from '@crm/testing';
import type { NewEvent, RecordedEvent } from '@crm/event-store';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { startRelay, type Consumer, type Relay } from '@crm/messaging';
import { KafkaBus, type KafkaLogEntry } from '@crm/messaging-kafka';
import { PostgresCheckpointStore } from '@crm/messaging-postgres';
import { ensureProjectionTables } from '@crm/projection';
import { applyOnce, createFaultTables, effectCounts, faultTopic, openDataSource, sleep, waitFor } from './fault-support';

const TOTAL = 10_000;
const STREAMS = 20;
const APPEND_BATCH = 100;
const RELAY = 'fault-relay';
const CONSUMER = 'fault-relay-consumer';
const OUTAGE_MS = 5_000;

function event(i: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ReferralSent',
    schemaVersion: 1,
    data: { i },
    occurredAt: '2020-06-30T12:00:00.000Z',
    actor: { subject: 'u-gt', role: 'consular_officer', country: 'GT' },
    countries: ['GT', 'MX'],
    correlationId: randomUUID(),
  };
}

/** Appends events [from, to) in batches of APPEND_BATCH, round-robin over the streams (i rises per stream). */
async function appendRange(store: PostgresEventStore, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += APPEND_BATCH * STREAMS) {
    for (let s = 0; s < STREAMS; s++) {
      const events: NewEvent[] = [];
      for (let k = 0; k < APPEND_BATCH; k++) {
        const i = start + s * APPEND_BATCH + k;
        if (i < to) events.push(event(i));
      }
      if (events.length > 0) await store.appendToStream(`faultReferral-GT-${s}`, events, { expectedRevision: 'any' });
    }
  }
}

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
    await Promise.all([checkpoints?.close(), store?.close(), ds?.destroy()].map((p) => p?.catch(() => undefined)));
    await db?.drop();
    await broker?.stop();
    rmSync(brokerDir, { recursive: true, force: true });
  }, 120_000);

  it(`delivers all ${TOTAL} events exactly once in effect across a broker stop/restart`, async () => {
    const topic = faultTopic('relay');
    store = await PostgresEventStore.connect({ url: db.url, pollIntervalMs: 200 });
    checkpoints = await PostgresCheckpointStore.connect({ url: db.url });
    const kafkaErrors: KafkaLogEntry[] = [];
    const relayLog: string[] = [];
    relayBus = new KafkaBus({ brokers: [broker!.brokers], clientId: 'fault-relay', log: (e) => void kafkaErrors.push(e) });
    consumerBus = new KafkaBus({ brokers: [broker!.brokers], clientId: 'fault-consumer', log: (e) => void kafkaErrors.push(e) });
    await relayBus.ensureTopics([topic]);

    // Half the events exist before the relay starts; the other half is appended while the broker is down.
    await appendRange(store, 0, TOTAL / 2);
    const firstHalf = await store.readAll();
    expect(firstHalf).toHaveLength(TOTAL / 2);

    let applied = 0;
    let duplicates = 0;
    consumer = await consumerBus.consume({
      groupId: CONSUMER,
      topics: [topic],
      handler: async (message) => {
        if (await applyOnce(ds!, CONSUMER, message, 'consumer')) applied++;
        else duplicates++;
      },
    });
    relay = await startRelay({
      store,
      bus: relayBus,
      checkpoints,
      name: RELAY,
      filter: { categories: ['faultReferral'] },
      map: (e: RecordedEvent) => [{ topic, value: Buffer.from(JSON.stringify(e.data)), headers: { ce_type: `crm.referrals.${e.type}` } }],
      retryInitialMs: 200,
      retryMaxMs: 2_000,
      log: (line) => void relayLog.push(line),
    });

    // The relay is publishing: stop the broker once a fifth of the events went through.
    const early = firstHalf[TOTAL / 5 - 1].position;
    await waitFor('the relay to publish the first 2,000 events', async () => ((await checkpoints!.load(RELAY)) ?? 0n) >= early);
    const checkpointAtStop = (await checkpoints.load(RELAY))!;
    await broker!.stop();
    const stoppedAt = Date.now();

    // While the broker is down, the rest of the events are appended: the relay has to get them through the outage.
    await appendRange(store, TOTAL / 2, TOTAL);
    const all = await store.readAll();
    expect(all).toHaveLength(TOTAL);
    const last = all[TOTAL - 1].position;
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt)));
    const checkpointWhileDown = (await checkpoints.load(RELAY))!;
    const outageMs = Date.now() - stoppedAt;
    const restartStarted = Date.now();
    await broker!.restart();
    const restartMs = Date.now() - restartStarted;
    const backAt = Date.now();

    await waitFor('the relay checkpoint to reach the last event', async () => (await checkpoints!.load(RELAY)) === last, 180_000, async () => `checkpoint ${await checkpoints!.load(RELAY)} of ${last}`);
    const caughtUpMs = Date.now() - backAt;
    // Effects applied so far, every 5 s after the restart (reported: shows when the consumer resumed).
    const timeline: string[] = [];
    let lastSample = 0;
    await waitFor(
      `${TOTAL} distinct effects`,
      async () => {
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
    console.log(
      `[fault] relay/broker restart: checkpoint at stop ${checkpointAtStop} of ${last} (events ${firstHalf.findIndex((e) => e.position === checkpointAtStop) + 1}/${TOTAL}), ` +
        `while down ${checkpointWhileDown}; broker down ${outageMs} ms + ${restartMs} ms restart; ` +
        `after restart: relay at last event in ${caughtUpMs} ms, all effects in ${allAppliedMs} ms; effects ${counts.effects} (distinct ${counts.distinct}); ` +
        `deliveries ${counts.deliveries}, duplicate deliveries ${counts.surplusDeliveries} on ${counts.redeliveredIds} ids (skipped by handleOnce: ${duplicates}); ` +
        `relay publish failures logged ${publishFailures}; kafkajs error lines ${kafkaErrors.length}; ` +
        `effects after the restart ${timeline.join(' ')}; kafkajs errors: ${[...new Set(kafkaErrors.map((e) => `${e.namespace}: ${e.message} ${String(e.extra.error ?? '')}`.slice(0, 160)))].slice(0, 8).join(' | ')}`,
    );

    // The outage happened mid-publication: the store held events the relay had not published yet.
    expect(checkpointWhileDown < last).toBe(true);
    // Relay checkpoint at the very end.
    expect(await checkpoints.load(RELAY)).toBe(last);
    expect(relay.checkpoint).toBe(last);
    // Zero lost, zero duplicated effects; every event id of the store was applied.
    expect(counts.effects).toBe(TOTAL);
    expect(counts.distinct).toBe(TOTAL);
    const appliedIds = new Set<string>((await ds!.query('SELECT event_id FROM fault.effects')).map((r: { event_id: string }) => r.event_id));
    expect(all.filter((e) => !appliedIds.has(e.metadata.eventId))).toEqual([]);
    expect(applied).toBe(TOTAL);
    // Duplicates may be delivered (at least once) but never produce an effect.
    expect(duplicates).toBe(counts.surplusDeliveries);
    expect(counts.deliveries).toBe(TOTAL + counts.surplusDeliveries);
    expect(counts.outOfOrderStreams).toBe(0);
  }, 600_000);
});
