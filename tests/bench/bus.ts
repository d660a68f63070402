/**
 * Bus benchmark: the relay (PostgresEventStore → startRelay → KafkaBus, checkpoints in PostgreSQL) and the
 * end-to-end path (append → relay → Kafka → KafkaBus consumer → handleOnce effect) against a raw kafkajs
 * baseline (same message sizes and headers, idempotent producer, acks=all) in the same run, on the same
 * broker and machine.
 *
 *   npm run bench:bus   (= ts-node -r tsconfig-paths/register --transpile-only tests/bench/bus.ts)
 *   BENCH_SCALE=0.1 for a smoke run; KAFKA_BROKERS=host:port to use a running broker instead of starting one.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '@crm/config';
import type { NewEvent, Position, RecordedEvent } from '@crm/event-store';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { startRelay, type Bus, type CheckpointStore, type RelayMessage, type RelayOptions } from '@crm/messaging';
import { KafkaBus, silent } from '@crm/messaging-kafka';
import { PostgresCheckpointStore } from '@crm/messaging-postgres';
import { ensureProjectionTables, handleOnce } from '@crm/projection';
import { startKafkaBroker } from '@crm/testing';
import { BENCH_SCALE, fmt, percentile, scaled, table } from './bench-util';
import { createRawTopic, rawProduce, type BaselineMessage } from './bus-baseline';

const THROUGHPUT_EVENTS = scaled(20_000);
const LATENCY_EVENTS = scaled(2_000);
const LATENCY_RATE = 100; // events per second, for both the relay path and the raw baseline
const STREAMS = 200;
const APPEND_BATCH = 100;
const PUBLISH_BATCH = 100; // the relay's default batchSize; the raw baseline sends batches of the same size
const RELAY_BATCH = Number(process.env.BENCH_RELAY_BATCH ?? PUBLISH_BATCH);
const RELAY_LINGER_MS = process.env.BENCH_RELAY_LINGER_MS ? Number(process.env.BENCH_RELAY_LINGER_MS) : undefined;

type RawMessage = BaselineMessage & { headers: Record<string, string> };

function event(i: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ReferralFollowUpRecorded',
    schemaVersion: 1,
    data: { indicator: '2.3', value: i, status: 'in_progress', note: 'Seguimiento de la referencia entre países: coordinación consular' },
    occurredAt: new Date(),
    actor: { subject: 'user-gt-1', role: 'consular_officer', country: 'GT', institution: 'MINEX' },
    countries: ['GT', 'MX'],
    correlationId: randomUUID(),
    causationId: null,
  };
}

/** The integration message of an event: what the relay publishes and what the raw baseline sends. */
function integrationMessage(topic: string, e: RecordedEvent): RelayMessage & { headers: Record<string, string> } {
  return {
    topic,
    value: Buffer.from(JSON.stringify(e.data)),
    headers: {
      ce_specversion: '1.0',
      ce_type: `crm.referrals.${e.type}.v1`,
      ce_source: '/crm/referrals',
      ce_time: e.metadata.recordedAt,
      ce_subject: e.streamName,
    },
  };
}

function kafka(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'crm-bench-bus-raw', brokers, logLevel: logLevel.NOTHING });
}

const now = () => performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(2);
  }
}

interface Ctx {
  url: string;
  brokers: string[];
  store: PostgresEventStore;
  checkpoints: PostgresCheckpointStore;
  bus: KafkaBus;
}

/** Appends `count` events of category `category` over STREAMS streams in batches; returns them. */
async function preAppend(ctx: Ctx, category: string, count: number): Promise<RecordedEvent[]> {
  let first: Position | undefined;
  for (let done = 0, b = 0; done < count; b++) {
    const n = Math.min(APPEND_BATCH, count - done);
    const r = await ctx.store.appendToStream(`${category}-GT-${b % STREAMS}`, Array.from({ length: n }, (_, k) => event(done + k)), { expectedRevision: 'any' });
    if (first === undefined) first = r.position - BigInt(n);
    done += n;
  }
  const events: RecordedEvent[] = [];
  let from = first;
  for (;;) {
    const page = await ctx.store.readAll({ fromPosition: from, maxCount: 5000, filter: { categories: [category] } });
    if (page.length === 0) break;
    events.push(...page);
    from = page[page.length - 1].position;
  }
  if (events.length !== count) throw new Error(`bench: expected ${count} ${category} events, read ${events.length}`);
  return events;
}

/** Relay throughput: events/s from relay start until its checkpoint reaches the last pre-appended event. */
async function relayThroughput(ctx: Ctx, category: string, events: RecordedEvent[]): Promise<number> {
  const topic = `bench.relay.${randomUUID().slice(0, 8)}`;
  await ctx.bus.ensureTopics([topic]);
  const last = events[events.length - 1].position;
  // Time spent inside publish and checkpoint saves; the rest is reading the store and the relay itself.
  let publishMs = 0;
  let checkpointMs = 0;
  let batches = 0;
  const bus: Bus = {
    publish: async (messages) => {
      const t = now();
      await ctx.bus.publish(messages);
      publishMs += now() - t;
      batches++;
    },
    consume: (o) => ctx.bus.consume(o),
    ensureTopics: (t) => ctx.bus.ensureTopics(t),
    close: async () => undefined,
  };
  const checkpoints: CheckpointStore = {
    load: (name) => ctx.checkpoints.load(name),
    save: async (name, position) => {
      const t = now();
      await ctx.checkpoints.save(name, position);
      checkpointMs += now() - t;
    },
  };
  const started = now();
  const relay = await startRelay({
    store: ctx.store,
    bus,
    checkpoints,
    name: `bench-${category}`,
    filter: { categories: [category] },
    map: (e) => [integrationMessage(topic, e)],
    batchSize: RELAY_BATCH,
    lingerMs: RELAY_LINGER_MS,
    log: (line) => console.warn(line),
  });
  await until(() => relay.checkpoint === last, 'the relay checkpoint');
  const totalMs = now() - started;
  await relay.stop();
  const share = (ms: number) => `${fmt(ms / 1000, 2)} s (${fmt((100 * ms) / totalMs)} %)`;
  console.log(
    `  relay ${category}: ${events.length} events in ${fmt(totalMs / 1000, 2)} s, ${batches} publishes; publish ${share(publishMs)}, ` +
      `checkpoint saves ${share(checkpointMs)}, store reads + relay ${share(totalMs - publishMs - checkpointMs)}`,
  );
  return events.length / (totalMs / 1000);
}

/** Raw baseline: the same messages (key, value, headers incl. ce_id) sent by kafkajs in batches of PUBLISH_BATCH. */
async function rawThroughput(ctx: Ctx, events: RecordedEvent[]): Promise<number> {
  const topic = `bench.raw.${randomUUID().slice(0, 8)}`;
  await createRawTopic(ctx.brokers, topic);
  const messages: RawMessage[] = events.map((e) => {
    const m = integrationMessage(topic, e);
    return { key: e.streamName, value: m.value, headers: { ...m.headers, ce_id: e.metadata.eventId } };
  });
  const seconds = await rawProduce(ctx.brokers, topic, messages, PUBLISH_BATCH);
  console.log(`  raw: ${events.length} messages in ${fmt(seconds, 2)} s`);
  return events.length / seconds;
}

/** Paces `count` operations at `rate` per second (catching up without sleeping when behind). */
async function paced(count: number, rate: number, op: (i: number) => Promise<void>): Promise<void> {
  const start = now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    await op(i);
  }
}

/** End to end: append one event at a time at LATENCY_RATE/s; latency = effect commit (handleOnce) − append start. */
async function relayLatency(ctx: Ctx, ds: DataSource): Promise<{ latencies: number[]; stages: Record<string, number[]> }> {
  const topic = `bench.latency.${randomUUID().slice(0, 8)}`;
  const category = `benchLatency${randomUUID().slice(0, 6)}`;
  await ctx.bus.ensureTopics([topic]);
  const appendedAt = new Map<string, number>();
  const appendedDone = new Map<string, number>();
  const publishStart = new Map<string, number>();
  const publishDone = new Map<string, number>();
  const received = new Map<string, number>();
  const latencies: number[] = [];
  const stages: Record<string, number[]> = { append: [], 'append done → relay publish': [], 'publish (acks=all)': [], 'publish ack → consumer handler': [], 'handleOnce transaction': [] };
  // The relay publishes through this decorator so each stage of the path can be timed.
  const timedBus: Bus = {
    publish: async (messages) => {
      const t = now();
      for (const m of messages) publishStart.set(m.headers!.ce_id, t);
      await ctx.bus.publish(messages);
      const done = now();
      for (const m of messages) publishDone.set(m.headers!.ce_id, done);
    },
    consume: (o) => ctx.bus.consume(o),
    ensureTopics: (t) => ctx.bus.ensureTopics(t),
    close: async () => undefined,
  };
  const consumer = await ctx.bus.consume({
    groupId: `bench.latency.${randomUUID().slice(0, 8)}`,
    topics: [topic],
    handler: async (message) => {
      const eventId = message.headers.ce_id;
      received.set(eventId, now());
      const { applied } = await handleOnce(ds, { consumer: 'bench-latency', eventId }, async (manager) => {
        await manager.query('INSERT INTO bench_effects (event_id, stream) VALUES ($1, $2)', [eventId, message.key]);
      });
      const t = now();
      const at = appendedAt.get(eventId);
      if (applied && at !== undefined) {
        latencies.push(t - at);
        stages.append.push(appendedDone.get(eventId)! - at);
        stages['append done → relay publish'].push(publishStart.get(eventId)! - appendedDone.get(eventId)!);
        stages['publish (acks=all)'].push(publishDone.get(eventId)! - publishStart.get(eventId)!);
        stages['publish ack → consumer handler'].push(received.get(eventId)! - publishDone.get(eventId)!);
        stages['handleOnce transaction'].push(t - received.get(eventId)!);
      }
    },
  });
  const options: RelayOptions = {
    store: ctx.store,
    bus: timedBus,
    checkpoints: ctx.checkpoints,
    name: `bench-${category}`,
    filter: { categories: [category] },
    map: (e) => [integrationMessage(topic, e)],
    log: (line) => console.warn(line),
  };
  const relay = await startRelay(options);
  await paced(LATENCY_EVENTS, LATENCY_RATE, async (i) => {
    const e = event(i);
    appendedAt.set(e.eventId, now());
    await ctx.store.appendToStream(`${category}-GT-${i % 20}`, [e], { expectedRevision: 'any' });
    appendedDone.set(e.eventId, now());
  });
  await until(() => latencies.length >= LATENCY_EVENTS, 'every latency effect');
  await relay.stop();
  await consumer.stop();
  return { latencies, stages };
}

/** Raw baseline: kafkajs sends one message at a time at LATENCY_RATE/s; latency = consumer eachMessage − send start. */
async function rawLatency(ctx: Ctx, sample: RecordedEvent): Promise<number[]> {
  const topic = `bench.rawlatency.${randomUUID().slice(0, 8)}`;
  await createRawTopic(ctx.brokers, topic);
  const client = kafka(ctx.brokers);
  const producer = client.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = client.consumer({ groupId: `bench.rawlatency.${randomUUID().slice(0, 8)}`, maxWaitTimeInMs: 500, allowAutoTopicCreation: false });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ partition, message }) => {
      const t = now();
      const id = message.headers?.ce_id?.toString() ?? '';
      const at = sentAt.get(id);
      if (at !== undefined) latencies.push(t - at);
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
    },
  });
  await joined;
  const template = integrationMessage(topic, sample);
  await paced(LATENCY_EVENTS, LATENCY_RATE, async (i) => {
    const id = randomUUID();
    sentAt.set(id, now());
    await producer.send({ topic, acks: -1, messages: [{ key: `${sample.streamName}-${i % 20}`, value: template.value, headers: { ...template.headers, ce_id: id } }] });
  });
  await until(() => latencies.length >= LATENCY_EVENTS, 'every raw latency sample');
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return latencies;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-bus-'));
  if (process.getuid?.() === 0) chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), persistent: false });
  const broker = process.env.KAFKA_BROKERS ? undefined : await startKafkaBroker();
  const brokers = (process.env.KAFKA_BROKERS ?? broker!.brokers).split(',').map((b) => b.trim());
  const rows: Array<Array<string | number>> = [];
  const closers: Array<() => Promise<unknown>> = [];
  const stageRows: Array<Array<string | number>> = [];
  try {
    const url = await pg.createDatabase('bench_bus');
    const store = await PostgresEventStore.connect({ url });
    closers.push(() => store.close());
    const checkpoints = await PostgresCheckpointStore.connect({ url });
    closers.push(() => checkpoints.close());
    const bus = new KafkaBus({ brokers, clientId: 'crm-bench-bus', log: silent });
    closers.push(() => bus.close());
    const ds = await new DataSource({ type: 'postgres', url, entities: [], synchronize: false, logging: false, extra: { max: 4 } }).initialize();
    closers.push(() => ds.destroy());
    await ensureProjectionTables(ds);
    await ds.query('CREATE TABLE bench_effects (seq bigserial PRIMARY KEY, event_id text NOT NULL, stream text NOT NULL)');
    const ctx: Ctx = { url, brokers, store, checkpoints, bus };
    console.log(
      `BENCH_SCALE=${BENCH_SCALE}: relay throughput ${THROUGHPUT_EVENTS} events (relay batch ${RELAY_BATCH}, linger ${RELAY_LINGER_MS ?? 'default'} ms), ` +
        `latency ${LATENCY_EVENTS} single events at ${LATENCY_RATE}/s; Kafka ${brokers.join(',')}`,
    );

    // Throughput: two rounds, relay and raw alternating, half the events each round.
    const half = Math.max(1, Math.floor(THROUGHPUT_EVENTS / 2));
    const roundA = await preAppend(ctx, 'benchRelayA', half);
    const roundB = await preAppend(ctx, 'benchRelayB', half);
    // warm-up: topic metadata, producer id, connections
    await rawThroughput(ctx, roundA.slice(0, 200));
    const relayRates: number[] = [];
    const rawRates: number[] = [];
    rawRates.push(await rawThroughput(ctx, roundA));
    relayRates.push(await relayThroughput(ctx, 'benchRelayA', roundA));
    relayRates.push(await relayThroughput(ctx, 'benchRelayB', roundB));
    rawRates.push(await rawThroughput(ctx, roundB));
    const harmonic = (rates: number[]) => rates.length / rates.reduce((s, r) => s + 1 / r, 0); // = total events / total time
    const relayRate = harmonic(relayRates);
    const rawRate = harmonic(rawRates);
    rows.push([`relay → Kafka throughput, events/s (${fmt(half * 2)} pre-appended; relay batch ${RELAY_BATCH}, raw batch ${PUBLISH_BATCH})`, fmt(relayRate), fmt(rawRate), fmt(relayRate / rawRate, 2)]);

    // Latency: raw first, then the relay path (one round each; both paced at LATENCY_RATE).
    const raw = await rawLatency(ctx, roundA[0]);
    const { latencies: e2e, stages } = await relayLatency(ctx, ds);
    for (const [stage, values] of Object.entries(stages)) stageRows.push([stage, fmt(percentile(values, 50), 1), fmt(percentile(values, 99), 1)]);
    const [effects] = await ds.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM bench_effects');
    if (effects.n !== LATENCY_EVENTS || effects.d !== LATENCY_EVENTS) throw new Error(`bench: expected ${LATENCY_EVENTS} effects, found ${effects.n} (${effects.d} distinct)`);
    for (const p of [50, 99]) {
      const path = percentile(e2e, p);
      const base = percentile(raw, p);
      rows.push([`append → consumer effect latency p${p} (ms) vs raw produce → consume`, fmt(path, 1), fmt(base, 1), fmt(base / path, 2)]);
    }
  } catch (e) {
    console.error('benchmark failed:', e);
    process.exitCode = 1;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await broker?.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n${table(['measure', 'relay / KafkaBus path', 'raw kafkajs', 'path / raw'], rows)}\n`);
  if (stageRows.length > 0) console.log(`Where the end-to-end latency goes (ms):\n\n${table(['stage', 'p50', 'p99'], stageRows)}\n`);
  console.log('(latency ratio = raw / path: like the throughput ratio, 1.0 = as good as raw kafkajs)');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
