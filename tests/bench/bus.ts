/**
 * Bus benchmark: the relay (PostgresEventStore → startRelay → KafkaBus, checkpoints in PostgreSQL) and the
 * end-to-end path (append → relay → Kafka → KafkaBus consumer → handleOnce effect) against a raw kafkajs
 * baseline (the same bytes and headers, idempotent producer, acks=all) in the same run, on the same
 * broker and machine.
 *
 * The events are real plan report histories (tests/support/plan-report-history.ts: drafts, submissions,
 * returns, approvals, reopenings) and the relay is wired as the plan service wires it (startPlanRelay:
 * StreamStates fold + planIntegrationMessages, i.e. encodeIntegrationEvent with ajv validation of every
 * payload), only with this run's stream prefixes and topic. Drafts publish nothing: throughput is counted
 * in integration events (messages) for both sides; the relay also reads and folds the drafts.
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
import type { EventStore, RecordedEvent } from '@crm/event-store';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { MEMBER_COUNTRIES } from '@crm/kernel';
import {
  preparingStore,
  startRelay,
  StreamStates,
  type Bus,
  type CheckpointStore,
  type Relay,
} from '@crm/messaging';
import { KafkaBus, silent } from '@crm/messaging-kafka';
import { PostgresCheckpointStore } from '@crm/messaging-postgres';
import { planIntegrationMessages, planStreamFold, type PlanStreamState } from '@crm/plan';
import { ensureProjectionTables, handleOnce } from '@crm/projection';
import { startKafkaBroker } from '@crm/testing';
import {
  appendSteps,
  generateReportHistories,
  integrationMessagesOfRecorded,
  type GeneratedHistories,
  type PlanMessage,
} from '../support/plan-report-history';
import { BENCH_SCALE, fmt, percentile, scaled, table } from './bench-util';
import { createRawTopic, rawProduce, type BaselineMessage } from './bus-baseline';

const THROUGHPUT_EVENTS = scaled(20_000); // integration events (published messages); drafts come on top
const LATENCY_EVENTS = scaled(2_000);
const LATENCY_RATE = 100; // integration events per second, for both the relay path and the raw baseline
const APPEND_WRITERS = 4;
const PUBLISH_BATCH = 100; // the relay's default batchSize; the raw baseline sends batches of the same size
const RELAY_BATCH = Number(process.env.BENCH_RELAY_BATCH ?? PUBLISH_BATCH);
const RELAY_LINGER_MS = process.env.BENCH_RELAY_LINGER_MS
  ? Number(process.env.BENCH_RELAY_LINGER_MS)
  : undefined;

type RawMessage = BaselineMessage & { headers: Record<string, string> };

/**
 * The plan relay as startPlanRelay wires it (stream states folded on the way, planIntegrationMessages as
 * `map`), reading only this run's streams (`tag`) and publishing to this run's `topic`.
 */
function planRelay(
  store: EventStore,
  bus: Bus,
  checkpoints: CheckpointStore,
  name: string,
  tag: string,
  topic: string,
  batching = true,
): Promise<Relay> {
  const states = new StreamStates<PlanStreamState>(store, planStreamFold);
  return startRelay({
    store: preparingStore(store, (event) => states.prepare(event)),
    bus,
    checkpoints,
    name,
    filter: { streamPrefixes: MEMBER_COUNTRIES.map((c) => `planReport-${c}-${tag}:`) },
    map: (event) => planIntegrationMessages(event, states.before(event)).map((m) => ({ ...m, topic })),
    ...(batching ? { batchSize: RELAY_BATCH, lingerMs: RELAY_LINGER_MS } : {}),
    log: (line) => console.warn(line),
  });
}

function kafka(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'crm-bench-bus-raw', brokers, logLevel: logLevel.NOTHING });
}

const now = () => performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 600_000,
): Promise<void> {
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

/** A round of pre-appended report histories: its domain events and the integration messages they yield. */
interface Round {
  tag: string;
  events: RecordedEvent[];
  messages: PlanMessage[];
}

/** Appends report histories yielding `published` integration events (activity ids prefixed `tag:`); returns them. */
async function preAppend(ctx: Ctx, tag: string, published: number): Promise<Round> {
  const generated = generateReportHistories({
    published,
    seed: tag.length * 7919 + tag.charCodeAt(tag.length - 1),
    activityPrefix: `${tag}:`,
  });
  await appendSteps(ctx.store, generated.steps, APPEND_WRITERS);
  const events: RecordedEvent[] = [];
  let from: RecordedEvent['position'] | undefined;
  const filter = { streamPrefixes: MEMBER_COUNTRIES.map((c) => `planReport-${c}-${tag}:`) };
  for (;;) {
    const page = await ctx.store.readAll({ fromPosition: from, maxCount: 5000, filter });
    if (page.length === 0) break;
    events.push(...page);
    from = page[page.length - 1].position;
  }
  if (events.length !== generated.steps.length)
    throw new Error(`bench: expected ${generated.steps.length} ${tag} events, read ${events.length}`);
  // the relay's mapping alone (stream-state fold + planIntegrationMessages: encode + ajv), in memory
  const mapStarted = now();
  const messages = integrationMessagesOfRecorded(events);
  const mapMs = now() - mapStarted;
  if (messages.length !== published)
    throw new Error(`bench: expected ${published} ${tag} messages, mapped ${messages.length}`);
  console.log(
    `  ${tag}: ${events.length} domain events → ${messages.length} messages; fold + encode + validate alone (in memory) ${fmt(mapMs / 1000, 2)} s`,
  );
  return { tag, events, messages };
}

/** Relay throughput: integration events/s from relay start until its checkpoint reaches the last pre-appended event. */
async function relayThroughput(ctx: Ctx, round: Round): Promise<number> {
  const { tag, events, messages } = round;
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
    ping: () => ctx.bus.ping(),
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
  const relay = await planRelay(ctx.store, bus, checkpoints, `bench-${tag}`, tag, topic);
  await until(() => relay.checkpoint === last, 'the relay checkpoint');
  const totalMs = now() - started;
  await relay.stop();
  const share = (ms: number) => `${fmt(ms / 1000, 2)} s (${fmt((100 * ms) / totalMs)} %)`;
  console.log(
    `  relay ${tag}: ${events.length} domain events → ${messages.length} integration events in ${fmt(totalMs / 1000, 2)} s, ${batches} publishes; publish ${share(publishMs)}, ` +
      `checkpoint saves ${share(checkpointMs)}, store reads + fold + encode/validate + relay ${share(totalMs - publishMs - checkpointMs)}`,
  );
  return messages.length / (totalMs / 1000);
}

/**
 * Raw baseline: the messages the relay publishes for these events (same key, value bytes and CloudEvents
 * headers incl. ce_id, encoded beforehand, outside the timing) sent by kafkajs in batches of PUBLISH_BATCH.
 */
async function rawThroughput(ctx: Ctx, planMessages: PlanMessage[]): Promise<number> {
  const topic = `bench.raw.${randomUUID().slice(0, 8)}`;
  await createRawTopic(ctx.brokers, topic);
  const messages: RawMessage[] = planMessages.map((m) => ({
    key: m.key,
    value: m.value,
    headers: m.headers,
  }));
  const seconds = await rawProduce(ctx.brokers, topic, messages, PUBLISH_BATCH);
  console.log(`  raw: ${messages.length} messages in ${fmt(seconds, 2)} s`);
  return messages.length / seconds;
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

/**
 * End to end: report histories yielding LATENCY_EVENTS integration events, appended one event (command) at a
 * time in decision order, the publishing events paced at LATENCY_RATE/s (each preceded by the drafts before
 * it, appended at once); latency = effect commit (handleOnce) − append start of the publishing event.
 */
async function relayLatency(
  ctx: Ctx,
  ds: DataSource,
): Promise<{ latencies: number[]; stages: Record<string, number[]> }> {
  const topic = `bench.latency.${randomUUID().slice(0, 8)}`;
  const tag = `bL${randomUUID().slice(0, 6)}`;
  const generated: GeneratedHistories = generateReportHistories({
    published: LATENCY_EVENTS,
    seed: 4242,
    activityPrefix: `${tag}:`,
  });
  // the publishing steps, each with the drafts that precede it in decision order
  const ops: Array<{ drafts: GeneratedHistories['steps']; step: GeneratedHistories['steps'][number] }> = [];
  let pending: GeneratedHistories['steps'] = [];
  for (const step of generated.steps) {
    if (step.published) {
      ops.push({ drafts: pending, step });
      pending = [];
    } else pending.push(step);
  }
  await ctx.bus.ensureTopics([topic]);
  const appendedAt = new Map<string, number>();
  const appendedDone = new Map<string, number>();
  const publishStart = new Map<string, number>();
  const publishDone = new Map<string, number>();
  const received = new Map<string, number>();
  const latencies: number[] = [];
  const stages: Record<string, number[]> = {
    append: [],
    'append done → relay publish': [],
    'publish (acks=all)': [],
    'publish ack → consumer handler': [],
    'handleOnce transaction': [],
  };
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
    ping: () => ctx.bus.ping(),
    close: async () => undefined,
  };
  const consumer = await ctx.bus.consume({
    groupId: `bench.latency.${randomUUID().slice(0, 8)}`,
    topics: [topic],
    handler: async (message) => {
      const eventId = message.headers.ce_id;
      received.set(eventId, now());
      const { applied } = await handleOnce(ds, { consumer: 'bench-latency', eventId }, async (manager) => {
        await manager.query('INSERT INTO bench_effects (event_id, stream) VALUES ($1, $2)', [
          eventId,
          message.key,
        ]);
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
  const relay = await planRelay(ctx.store, timedBus, ctx.checkpoints, `bench-${tag}`, tag, topic, false);
  const append = (s: GeneratedHistories['steps'][number]) =>
    ctx.store.appendToStream(s.history.streamName, [s.event], {
      expectedRevision: s.step === 0 ? 'no_stream' : s.step - 1,
    });
  await paced(ops.length, LATENCY_RATE, async (i) => {
    for (const d of ops[i].drafts) await append(d);
    const e = ops[i].step.event;
    appendedAt.set(e.eventId, now());
    await append(ops[i].step);
    appendedDone.set(e.eventId, now());
  });
  await until(() => latencies.length >= LATENCY_EVENTS, 'every latency effect');
  await relay.stop();
  await consumer.stop();
  return { latencies, stages };
}

/** Raw baseline: kafkajs sends one message at a time at LATENCY_RATE/s; latency = consumer eachMessage − send start. */
async function rawLatency(ctx: Ctx, template: PlanMessage): Promise<number[]> {
  const topic = `bench.rawlatency.${randomUUID().slice(0, 8)}`;
  await createRawTopic(ctx.brokers, topic);
  const client = kafka(ctx.brokers);
  const producer = client.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumer = client.consumer({
    groupId: `bench.rawlatency.${randomUUID().slice(0, 8)}`,
    maxWaitTimeInMs: 500,
    allowAutoTopicCreation: false,
  });
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
  await paced(LATENCY_EVENTS, LATENCY_RATE, async (i) => {
    const id = randomUUID();
    sentAt.set(id, now());
    await producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key: `${template.key}-${i % 20}`,
          value: template.value,
          headers: { ...template.headers, ce_id: id },
        },
      ],
    });
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
    const ds = await new DataSource({
      type: 'postgres',
      url,
      entities: [],
      synchronize: false,
      logging: false,
      extra: { max: 4 },
    }).initialize();
    closers.push(() => ds.destroy());
    await ensureProjectionTables(ds);
    await ds.query(
      'CREATE TABLE bench_effects (seq bigserial PRIMARY KEY, event_id text NOT NULL, stream text NOT NULL)',
    );
    const ctx: Ctx = { url, brokers, store, checkpoints, bus };
    console.log(
      `BENCH_SCALE=${BENCH_SCALE}: relay throughput ${THROUGHPUT_EVENTS} integration events (relay batch ${RELAY_BATCH}, linger ${RELAY_LINGER_MS ?? 'default'} ms), ` +
        `latency ${LATENCY_EVENTS} single integration events at ${LATENCY_RATE}/s; plan report events, encoded and validated as the plan relay does; Kafka ${brokers.join(',')}`,
    );

    // Throughput: two rounds, relay and raw alternating, half the events each round.
    const half = Math.max(1, Math.floor(THROUGHPUT_EVENTS / 2));
    const roundA = await preAppend(ctx, 'bA', half);
    const roundB = await preAppend(ctx, 'bB', half);
    console.log(
      `pre-appended ${fmt(roundA.events.length + roundB.events.length)} plan report domain events (drafts included) yielding ${fmt(half * 2)} integration events`,
    );
    // A store with a backlog has table statistics (autovacuum analyses a new table after its first 50 rows,
    // within autovacuum_naptime). Without them, right after a bulk load, PostgreSQL takes the table for
    // empty and plans every relay page as a scan of the whole backlog plus a sort (docs/benchmarks.md).
    await ctx.store.dataSource.query(`VACUUM ANALYZE "${ctx.store.schema}".events`);
    // warm-up: topic metadata, producer id, connections
    await rawThroughput(ctx, roundA.messages.slice(0, 200));
    const relayRates: number[] = [];
    const rawRates: number[] = [];
    rawRates.push(await rawThroughput(ctx, roundA.messages));
    relayRates.push(await relayThroughput(ctx, roundA));
    relayRates.push(await relayThroughput(ctx, roundB));
    rawRates.push(await rawThroughput(ctx, roundB.messages));
    const harmonic = (rates: number[]) => rates.length / rates.reduce((s, r) => s + 1 / r, 0); // = total messages / total time
    const relayRate = harmonic(relayRates);
    const rawRate = harmonic(rawRates);
    rows.push([
      `relay → Kafka throughput, integration events/s (${fmt(half * 2)} from ${fmt(roundA.events.length + roundB.events.length)} pre-appended plan events; relay batch ${RELAY_BATCH}, raw batch ${PUBLISH_BATCH})`,
      fmt(relayRate),
      fmt(rawRate),
      fmt(relayRate / rawRate, 2),
    ]);

    // Latency: raw first, then the relay path (one round each; both paced at LATENCY_RATE).
    const raw = await rawLatency(ctx, roundA.messages[0]);
    const { latencies: e2e, stages } = await relayLatency(ctx, ds);
    for (const [stage, values] of Object.entries(stages))
      stageRows.push([stage, fmt(percentile(values, 50), 1), fmt(percentile(values, 99), 1)]);
    const [effects] = await ds.query(
      'SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM bench_effects',
    );
    if (effects.n !== LATENCY_EVENTS || effects.d !== LATENCY_EVENTS)
      throw new Error(
        `bench: expected ${LATENCY_EVENTS} effects, found ${effects.n} (${effects.d} distinct)`,
      );
    for (const p of [50, 99]) {
      const path = percentile(e2e, p);
      const base = percentile(raw, p);
      rows.push([
        `append → consumer effect latency p${p} (ms) vs raw produce → consume`,
        fmt(path, 1),
        fmt(base, 1),
        fmt(base / path, 2),
      ]);
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
  if (stageRows.length > 0)
    console.log(`Where the end-to-end latency goes (ms):\n\n${table(['stage', 'p50', 'p99'], stageRows)}\n`);
  console.log('(latency ratio = raw / path: like the throughput ratio, 1.0 = as good as raw kafkajs)');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
