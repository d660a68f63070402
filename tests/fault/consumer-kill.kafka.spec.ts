/**
 * Fault: a consumer process is killed (SIGKILL: no graceful stop, no offset commit, open database
 * transactions cut) in the middle of a stream, and a new process takes over in the same consumer group.
 * The messages are real integration events: plan report histories (tests/support/plan-report-history.ts)
 * mapped and encoded as the plan relay does (planIntegrationMessages → encodeIntegrationEvent, ajv-validated:
 * plan.report.submitted/returned/approved/reopened.v1), key = report stream, on a fresh topic. The child
 * decodes and validates each with decodeIntegrationEvent before applying it through handleOnce keyed by ce_id.
 * Proves: all messages applied, none twice, every one a valid contract event.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createTestDatabase, describeWithKafka, kafkaBrokers } from '@crm/testing';
import type { OutgoingMessage } from '@crm/messaging';
import { KafkaBus, silent } from '@crm/messaging-kafka';
import { ensureProjectionTables } from '@crm/projection';
import { generateReportHistories, integrationMessagesOf } from '../support/plan-report-history';
import { createFaultTables, effectCounts, faultTopic, openDataSource, waitFor } from './fault-support';

const TOTAL = 5_000;
const KILL_AFTER = 1_000;
const ROOT = join(__dirname, '..', '..');

interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

/** Starts tests/fault/consumer-child.ts in its own Node process (ts-node), in group `group`. */
function startChild(name: string, env: Record<string, string>): Child {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(__dirname, 'consumer-child.ts'),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, FAULT_NAME: name, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = Promise.race([
    waitFor(
      `consumer ${name} to join its group`,
      () => /^ready$/m.test(out),
      180_000,
      () => out.slice(-2000),
    ),
    exited.then((e) =>
      Promise.reject(
        new Error(`consumer ${name} exited before joining (${e.code ?? e.signal}): ${out.slice(-2000)}`),
      ),
    ),
  ]);
  return { process: child, ready, exited, output: () => out };
}

describeWithKafka('fault: consumer process killed mid-stream, restarted in the same group', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource | undefined;
  const children: Child[] = [];
  const orderDir = mkdtempSync(join(tmpdir(), 'crm-fault-order-'));

  beforeAll(async () => {
    db = await createTestDatabase('fault_consumer_kill');
    ds = await openDataSource(db.url, 'fault-consumer-kill-test');
    await createFaultTables(ds);
    await ensureProjectionTables(ds);
  });

  afterAll(async () => {
    for (const c of children) {
      if (c.process.exitCode === null && c.process.signalCode === null) {
        c.process.kill('SIGKILL');
        await c.exited;
      }
    }
    await ds?.destroy();
    await db?.drop();
    rmSync(orderDir, { recursive: true, force: true });
  });

  it(`applies all ${TOTAL} messages exactly once in effect after a SIGKILL mid-stream`, async () => {
    const brokers = kafkaBrokers();
    const topic = faultTopic('consumer-kill');
    const group = `fault-consumer-kill-${randomUUID().slice(0, 8)}`;
    // kafkajs retries a fresh broker's 'coordinator is loading' answers itself; publish throws if it gives up
    const publisher = new KafkaBus({ brokers, clientId: 'fault-publisher', log: silent });
    await publisher.ensureTopics([topic]);
    const generated = generateReportHistories({ published: TOTAL, seed: 20190701 });
    // encoded (and validated) exactly as the plan relay encodes them; only the topic is this test's own
    const messages: OutgoingMessage[] = integrationMessagesOf(generated).map((m) => ({ ...m, topic }));
    expect(messages).toHaveLength(TOTAL);
    const ids = messages.map((m) => m.headers!.ce_id);
    expect(new Set(ids).size).toBe(TOTAL);
    const keys = new Set(messages.map((m) => m.key)).size;
    const orderFile = join(orderDir, 'order.json');
    writeFileSync(orderFile, JSON.stringify(Object.fromEntries(ids.map((id, i) => [id, i]))));
    for (let i = 0; i < TOTAL; i += 500) await publisher.publish(messages.slice(i, i + 500));
    await publisher.close();

    const env = {
      FAULT_BROKERS: brokers.join(','),
      FAULT_DB_URL: db.url,
      FAULT_TOPIC: topic,
      FAULT_GROUP: group,
      FAULT_ORDER_FILE: orderFile,
    };
    const first = startChild('first', env);
    children.push(first);
    await first.ready;
    const invalid = () =>
      children.flatMap((c) =>
        c
          .output()
          .split('\n')
          .filter((l) => l.startsWith('invalid ')),
      );
    const noInvalid = () => {
      if (invalid().length > 0)
        throw new Error(`a consumer received invalid messages: ${invalid().slice(0, 3).join(' | ')}`);
    };
    await waitFor(
      `${KILL_AFTER} effects by the first consumer`,
      async () => (noInvalid(), (await effectCounts(ds!)).effects >= KILL_AFTER),
    );
    first.process.kill('SIGKILL');
    const exit = await first.exited;
    const atKill = await effectCounts(ds!);
    expect(exit.signal).toBe('SIGKILL');
    // The kill happened mid-stream: the first consumer had not applied everything.
    expect(atKill.distinct).toBeLessThan(TOTAL);

    const second = startChild('second', env);
    children.push(second);
    await second.ready;
    await waitFor(
      `${TOTAL} distinct effects`,
      async () => (noInvalid(), (await effectCounts(ds!)).distinct >= TOTAL),
      180_000,
      async () => JSON.stringify(await effectCounts(ds!)),
    );
    second.process.kill('SIGTERM');
    const secondExit = await second.exited;

    const counts = await effectCounts(ds!);
    const [byConsumer] = await ds!.query(
      `SELECT count(*) FILTER (WHERE applied_by = 'first')::int AS first, count(*) FILTER (WHERE applied_by = 'second')::int AS second FROM fault.effects`,
    );
    // Two kinds of duplicate delivery after a kill: a message in flight in the killed process (its
    // transaction rolled back, the second process applies it), and a message the killed process applied
    // but whose offset it had not committed (the second process gets it again and skips it).
    const [dup] = await ds!.query(
      `SELECT
         (SELECT count(*)::int FROM fault.deliveries d WHERE d.delivered_by = 'first'
            AND EXISTS (SELECT 1 FROM fault.effects e WHERE e.event_id = d.event_id AND e.applied_by = 'second')) AS in_flight,
         (SELECT count(*)::int FROM fault.deliveries d WHERE d.delivered_by = 'second'
            AND EXISTS (SELECT 1 FROM fault.effects e WHERE e.event_id = d.event_id AND e.applied_by = 'first')) AS applied_uncommitted`,
    );
    console.log(
      `[fault] consumer kill: ${TOTAL} plan integration events (from ${generated.histories.length} report streams, ${keys} of them with published events = keys; ` +
        `${[...messages.reduce((m, x) => m.set(x.headers!.ce_type, (m.get(x.headers!.ce_type) ?? 0) + 1), new Map<string, number>())].map(([t, n]) => `${t} ${n}`).join(', ')}), ` +
        `invalid ${invalid().length}; killed after ${atKill.effects} effects; effects ${counts.effects} (distinct ${counts.distinct}), ` +
        `first applied ${byConsumer.first}, second ${byConsumer.second}; deliveries ${counts.deliveries}, duplicate deliveries ${counts.surplusDeliveries} ` +
        `on ${counts.redeliveredIds} ids: ${dup.in_flight} in flight in the killed process (rolled back, applied by the second), ` +
        `${dup.applied_uncommitted} applied by the first but uncommitted (redelivered to the second, skipped)`,
    );

    expect(secondExit.code).toBe(0);
    // Every message was a valid integration event of a registered contract.
    expect(invalid()).toEqual([]);
    // All applied, none twice.
    expect(counts.effects).toBe(TOTAL);
    expect(counts.distinct).toBe(TOTAL);
    const applied = new Set<string>(
      (await ds!.query('SELECT event_id FROM fault.effects')).map((r: { event_id: string }) => r.event_id),
    );
    expect(ids.filter((id) => !applied.has(id))).toEqual([]);
    // Both processes did part of the work; the second resumed from the group's committed offsets.
    // (a COMMIT already sent by the killed process may still land after it died: hence >=)
    expect(byConsumer.first).toBeGreaterThanOrEqual(atKill.effects);
    expect(byConsumer.second).toBeGreaterThan(0);
    expect(byConsumer.first + byConsumer.second).toBe(TOTAL);
    // Redeliveries happened or not, they produced no effect; per-key order was kept.
    const [skipped] = await ds!.query(
      'SELECT count(*)::int AS n FROM fault.deliveries WHERE applied = false',
    );
    expect(skipped.n).toBeLessThanOrEqual(counts.surplusDeliveries);
    expect(counts.outOfOrderStreams).toBe(0);
  }, 600_000);
});
